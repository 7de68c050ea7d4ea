import { describe, expect, it } from 'vitest';
import { abortListenerCount, track } from './ManualOperation.testkit.js';
import { WaitQueue } from './WaitQueue.js';

describe('WaitQueue', () => {
  it('grants in arrival order', async () => {
    const queue = new WaitQueue<number>();
    const granted: number[] = [];
    const waits = [1, 2, 3].map((tag) =>
      queue.enqueue(0, undefined, tag).then(() => granted.push(tag)),
    );

    queue.grantNext();
    queue.grantNext();
    queue.grantNext();
    await Promise.all(waits);

    expect(granted).toEqual([1, 2, 3]);
    expect(queue.size).toBe(0);
  });

  it('shows the head waiter', () => {
    const queue = new WaitQueue<string>();
    void queue.enqueue(5, undefined, 'first');
    void queue.enqueue(9, undefined, 'second');

    expect(queue.peek()).toMatchObject({ enqueuedAt: 5, tag: 'first' });
    queue.grantNext();
    expect(queue.peek()).toMatchObject({ enqueuedAt: 9, tag: 'second' });
  });

  it('rejects the head after removing it', async () => {
    const queue = new WaitQueue<string>();
    const head = track(queue.enqueue(3, undefined, 'head'));
    const sizes: number[] = [];
    const error = new Error('expired');

    queue.rejectNext((call) => {
      sizes.push(queue.size);
      expect(call.tag).toBe('head');
      return error;
    });

    await expect(head.promise).rejects.toBe(error);
    expect(sizes).toEqual([0]);
  });

  it('removes an aborted waiter at once', async () => {
    const abandoned: number[] = [];
    const queue: WaitQueue = new WaitQueue(() => {
      abandoned.push(queue.size);
    });
    const controller = new AbortController();
    const first = track(queue.enqueue(0, undefined, undefined));
    const middle = track(queue.enqueue(0, controller.signal, undefined));
    const last = track(queue.enqueue(0, undefined, undefined));
    const reason = new Error('caller gave up');

    controller.abort(reason);

    expect(queue.size).toBe(2);
    expect(abandoned).toEqual([2]);
    await expect(middle.promise).rejects.toBe(reason);
    queue.grantNext();
    queue.grantNext();
    await Promise.all([first.promise, last.promise]);
    expect(queue.size).toBe(0);
  });

  it('removes abort listeners when granted', async () => {
    const queue = new WaitQueue();
    const controller = new AbortController();
    const waiting = queue.enqueue(0, controller.signal, undefined);

    expect(abortListenerCount(controller.signal)).toBe(1);
    queue.grantNext();
    await waiting;

    expect(abortListenerCount(controller.signal)).toBe(0);
  });

  it('removes abort listeners when rejected', async () => {
    const queue = new WaitQueue();
    const controller = new AbortController();
    const waiting = track(queue.enqueue(0, controller.signal, undefined));

    queue.rejectNext(() => new Error('expired'));
    await waiting.promise.catch(() => undefined);

    expect(abortListenerCount(controller.signal)).toBe(0);
    expect(waiting.outcome.status).toBe('rejected');
  });

  it('ignores an abort after the grant', async () => {
    const abandoned: number[] = [];
    const queue = new WaitQueue(() => abandoned.push(1));
    const controller = new AbortController();
    const waiting = queue.enqueue(0, controller.signal, undefined);

    queue.grantNext();
    controller.abort();

    await expect(waiting).resolves.toBeUndefined();
    expect(abandoned).toEqual([]);
  });

  it('keeps order across removals', async () => {
    const queue = new WaitQueue<number>();
    const controllers = Array.from({ length: 200 }, () => new AbortController());
    const granted: number[] = [];
    const waits = controllers.map((controller, index) =>
      queue.enqueue(0, controller.signal, index).then(
        () => granted.push(index),
        () => undefined,
      ),
    );

    controllers.forEach((controller, index) => {
      if (index % 3 === 0) {
        controller.abort();
      }
    });
    while (queue.size > 0) {
      queue.grantNext();
    }
    await Promise.all(waits);

    const expected = controllers.map((_, index) => index).filter((index) => index % 3 !== 0);
    expect(granted).toEqual(expected);
  });

  it('does nothing when empty', () => {
    const queue = new WaitQueue();

    queue.grantNext();
    queue.rejectNext(() => new Error('unused'));

    expect(queue.size).toBe(0);
    expect(queue.peek()).toBeUndefined();
  });
});
