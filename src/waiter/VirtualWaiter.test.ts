import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SystemClock } from '../clock/SystemClock.js';
import { VirtualClock } from '../clock/VirtualClock.js';
import { VirtualWaiter } from './VirtualWaiter.js';

describe('VirtualWaiter', () => {
  it('resolves when its clock reaches ms', async () => {
    const waiter = new VirtualWaiter();
    let settled = false;
    const sleep = waiter.sleep(100).then(() => (settled = true));

    await waiter.clock.advance(99);
    expect(settled).toBe(false);

    await waiter.clock.advance(1);
    expect(settled).toBe(true);
    await sleep;
  });

  it('uses the given clock', async () => {
    const clock = new VirtualClock();
    const waiter = new VirtualWaiter(clock);
    const sleep = waiter.sleep(10);

    expect(waiter.clock).toBe(clock);
    expect(clock.pendingTimers).toBe(1);
    await clock.advance(10);
    await expect(sleep).resolves.toBeUndefined();
  });

  it('records delays in call order', async () => {
    const waiter = new VirtualWaiter();

    const sleeps = [waiter.sleep(300), waiter.sleep(0), waiter.sleep(2 ** 31 - 1)];
    await waiter.clock.runAll();
    await Promise.all(sleeps);

    expect(waiter.delays).toEqual([300, 0, 2 ** 31 - 1]);
  });

  it('records aborted waits', async () => {
    const waiter = new VirtualWaiter();
    const controller = new AbortController();
    const sleep = waiter.sleep(40, controller.signal);

    controller.abort();
    await expect(sleep).rejects.toMatchObject({ name: 'AbortError' });
    await expect(waiter.sleep(50, controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });

    expect(waiter.delays).toEqual([40, 50]);
  });

  it('rejects at once on abort and clears the timer', async () => {
    const waiter = new VirtualWaiter();
    const controller = new AbortController();
    const sleep = waiter.sleep(1_000, controller.signal);
    const reason = new Error('stop');

    controller.abort(reason);

    await expect(sleep).rejects.toBe(reason);
    expect(waiter.clock.pendingTimers).toBe(0);
    expect(waiter.clock.now()).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('rejects when already aborted', async () => {
    const waiter = new VirtualWaiter();
    const reason = new Error('too late');

    await expect(waiter.sleep(10, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(waiter.clock.pendingTimers).toBe(0);
  });

  it('removes its listener after resolving', async () => {
    const waiter = new VirtualWaiter();
    const controller = new AbortController();
    const sleep = waiter.sleep(10, controller.signal);

    await waiter.clock.advance(10);
    await sleep;

    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it.each([
    [-1, RangeError, 'received -1.'],
    [Number.NaN, RangeError, 'received NaN.'],
    [Number.POSITIVE_INFINITY, RangeError, 'received Infinity.'],
    [2 ** 31, RangeError, 'received 2147483648.'],
    ['5', TypeError, 'received "5".'],
  ])('rejects sleep(%s) and does not record it', async (ms, errorClass, message) => {
    const waiter = new VirtualWaiter();

    const sleep = waiter.sleep(ms as never);

    await expect(sleep).rejects.toThrow(errorClass);
    await expect(sleep).rejects.toThrow(
      'VirtualWaiter.sleep: `ms` must be a number from 0 to 2147483647',
    );
    await expect(sleep).rejects.toThrow(message);
    expect(waiter.delays).toEqual([]);
    expect(waiter.clock.pendingTimers).toBe(0);
  });

  it('rejects a signal that is not an AbortSignal', async () => {
    const waiter = new VirtualWaiter();

    const sleep = waiter.sleep(10, 1 as never);

    await expect(sleep).rejects.toThrow(TypeError);
    await expect(sleep).rejects.toThrow(
      'VirtualWaiter.sleep: `signal` must be an AbortSignal, received 1.',
    );
    expect(waiter.delays).toEqual([]);
  });

  it('rejects a clock that is not virtual', () => {
    const create = (): unknown => new VirtualWaiter(new SystemClock() as never);

    expect(create).toThrow(TypeError);
    expect(create).toThrow(
      'VirtualWaiter: `clock` must be a VirtualClock, received a value of type object.',
    );
  });
});
