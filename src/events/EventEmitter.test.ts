import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from './EventEmitter.js';
import { captureNextTicks } from './captureNextTicks.testkit.js';

interface TestEvents {
  readonly started: { readonly id: number };
  readonly stopped: { readonly reason: string };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('EventEmitter', () => {
  it('calls a listener with the payload', () => {
    const emitter = new EventEmitter<TestEvents>();
    const received: { id: number }[] = [];
    emitter.on('started', (payload) => received.push(payload));

    emitter.emit('started', { id: 7 });

    expect(received).toEqual([{ id: 7 }]);
  });

  it('calls listeners in the order added', () => {
    const emitter = new EventEmitter<TestEvents>();
    const calls: string[] = [];
    emitter.on('started', () => calls.push('first'));
    emitter.on('started', () => calls.push('second'));
    emitter.on('started', () => calls.push('third'));

    emitter.emit('started', { id: 1 });

    expect(calls).toEqual(['first', 'second', 'third']);
  });

  it('calls only listeners of the type', () => {
    const emitter = new EventEmitter<TestEvents>();
    const calls: string[] = [];
    emitter.on('started', () => calls.push('started'));
    emitter.on('stopped', () => calls.push('stopped'));

    emitter.emit('stopped', { reason: 'done' });

    expect(calls).toEqual(['stopped']);
  });

  it('emits with no listener', () => {
    const emitter = new EventEmitter<TestEvents>();

    expect(() => emitter.emit('started', { id: 1 })).not.toThrow();
  });

  it('unsubscribes a listener', () => {
    const emitter = new EventEmitter<TestEvents>();
    const calls: string[] = [];
    const unsubscribe = emitter.on('started', () => calls.push('removed'));
    emitter.on('started', () => calls.push('kept'));

    unsubscribe();
    emitter.emit('started', { id: 1 });

    expect(calls).toEqual(['kept']);
  });

  it('unsubscribe is idempotent', () => {
    const emitter = new EventEmitter<TestEvents>();
    const calls: string[] = [];
    const listener = (): number => calls.push('shared');
    const unsubscribeFirst = emitter.on('started', listener);
    emitter.on('started', listener);

    unsubscribeFirst();
    unsubscribeFirst();
    emitter.emit('started', { id: 1 });

    expect(calls).toEqual(['shared']);
  });

  it('unsubscribes one of two subscriptions', () => {
    const emitter = new EventEmitter<TestEvents>();
    const calls: string[] = [];
    const shared = (): number => calls.push('shared');
    emitter.on('started', shared);
    emitter.on('started', () => calls.push('other'));
    const unsubscribeSecond = emitter.on('started', shared);

    unsubscribeSecond();
    emitter.emit('started', { id: 1 });

    expect(calls).toEqual(['shared', 'other']);
    expect(emitter.has('started')).toBe(true);
  });

  it('has tells whether a listener exists', () => {
    const emitter = new EventEmitter<TestEvents>();
    expect(emitter.has('started')).toBe(false);

    const unsubscribe = emitter.on('started', () => undefined);
    expect(emitter.has('started')).toBe(true);
    expect(emitter.has('stopped')).toBe(false);

    unsubscribe();
    expect(emitter.has('started')).toBe(false);
  });

  it('finishes an emit when a listener unsubscribes another', () => {
    const emitter = new EventEmitter<TestEvents>();
    const calls: string[] = [];
    emitter.on('started', () => {
      calls.push('first');
      unsubscribeSecond();
    });
    const unsubscribeSecond = emitter.on('started', () => calls.push('second'));

    emitter.emit('started', { id: 1 });
    emitter.emit('started', { id: 2 });

    expect(calls).toEqual(['first', 'second', 'first']);
  });

  it('keeps calling listeners after one throws', () => {
    const scheduled = captureNextTicks();
    const emitter = new EventEmitter<TestEvents>();
    const calls: string[] = [];
    emitter.on('started', () => {
      throw new Error('listener broke');
    });
    emitter.on('started', () => calls.push('after'));

    expect(() => emitter.emit('started', { id: 1 })).not.toThrow();

    expect(calls).toEqual(['after']);
    expect(scheduled).toHaveLength(1);
  });

  it('rethrows a listener error on a later tick', () => {
    const scheduled = captureNextTicks();
    const emitter = new EventEmitter<TestEvents>();
    const failure = new Error('listener broke');
    emitter.on('started', () => {
      throw failure;
    });

    emitter.emit('started', { id: 1 });

    expect(scheduled).toHaveLength(1);
    expect(() => scheduled[0]!()).toThrow(failure);
  });

  it('surfaces a listener error as an uncaught exception', async () => {
    const failure = new Error('listener broke');
    const emitter = new EventEmitter<TestEvents>();
    emitter.on('started', () => {
      throw failure;
    });
    // Vitest records uncaught exceptions through its own listeners; they are set aside for
    // this test so that the expected error reaches only the listener below.
    const vitestListeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    const caught: unknown[] = [];
    const capture = (error: unknown): number => caught.push(error);
    process.on('uncaughtException', capture);

    try {
      emitter.emit('started', { id: 1 });
      expect(caught).toEqual([]);
      // Callbacks scheduled with process.nextTick run before the next setImmediate callback.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('uncaughtException', capture);
      vitestListeners.forEach((listener) => process.on('uncaughtException', listener));
    }

    expect(caught).toEqual([failure]);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['"log"', 'log'],
  ])('rejects %s as the listener', (described, listener) => {
    const emitter = new EventEmitter<TestEvents>();
    const subscribe = (): unknown => emitter.on('started', listener as never);

    expect(subscribe).toThrow(TypeError);
    expect(subscribe).toThrow(
      `EventEmitter.on: \`listener\` for "started" must be a function, received ${described}.`,
    );
    expect(emitter.has('started')).toBe(false);
  });
});
