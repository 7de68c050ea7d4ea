import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SystemClock } from '../clock/SystemClock.js';
import { VirtualClock } from '../clock/VirtualClock.js';
import { SleepWaiter } from './SleepWaiter.js';

function abortListeners(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}

/** Records whether `promise` has settled, without adding an unhandled rejection. */
function track(promise: Promise<unknown>): { readonly settled: () => boolean } {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return { settled: () => settled };
}

describe('SleepWaiter', () => {
  it('resolves after ms', async () => {
    const clock = new VirtualClock();
    const sleep = new SleepWaiter(clock).sleep(100);
    const state = track(sleep);

    await clock.advance(99);
    expect(state.settled()).toBe(false);

    await clock.advance(1);
    expect(state.settled()).toBe(true);
    await expect(sleep).resolves.toBeUndefined();
    expect(clock.pendingTimers).toBe(0);
  });

  it('resolves a zero wait on the next timer turn', async () => {
    const clock = new VirtualClock();
    const sleep = new SleepWaiter(clock).sleep(0);
    const state = track(sleep);

    await Promise.resolve();
    expect(state.settled()).toBe(false);

    await clock.advance(0);
    expect(state.settled()).toBe(true);
  });

  it('waits on the system clock by default', async () => {
    await expect(new SleepWaiter().sleep(0)).resolves.toBeUndefined();
  });

  it('waits on an explicit system clock', async () => {
    await expect(new SleepWaiter(new SystemClock()).sleep(0)).resolves.toBeUndefined();
  });

  it('removes its listener after resolving', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const sleep = new SleepWaiter(clock).sleep(50, controller.signal);
    expect(abortListeners(controller.signal)).toBe(1);

    await clock.advance(50);
    await sleep;

    expect(abortListeners(controller.signal)).toBe(0);
  });

  it('rejects at once on abort', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const sleep = new SleepWaiter(clock).sleep(1_000, controller.signal);
    const state = track(sleep);
    const reason = new Error('shutting down');

    controller.abort(reason);
    await Promise.resolve();

    expect(state.settled()).toBe(true);
    await expect(sleep).rejects.toBe(reason);
    expect(clock.now()).toBe(0);
  });

  it('clears the timer on abort', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const sleep = new SleepWaiter(clock).sleep(1_000, controller.signal);
    expect(clock.pendingTimers).toBe(1);

    controller.abort();

    await expect(sleep).rejects.toMatchObject({ name: 'AbortError' });
    expect(clock.pendingTimers).toBe(0);
  });

  it('removes its listener on abort', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const sleep = new SleepWaiter(clock).sleep(1_000, controller.signal);

    controller.abort();
    await sleep.catch(() => undefined);

    expect(abortListeners(controller.signal)).toBe(0);
  });

  it('rejects at once when already aborted', async () => {
    const clock = new VirtualClock();
    const reason = new Error('too late');
    const signal = AbortSignal.abort(reason);

    const sleep = new SleepWaiter(clock).sleep(1_000, signal);

    await expect(sleep).rejects.toBe(reason);
    expect(clock.pendingTimers).toBe(0);
    expect(abortListeners(signal)).toBe(0);
  });

  it('ignores an abort after resolving', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const sleep = new SleepWaiter(clock).sleep(10, controller.signal);
    await clock.advance(10);

    controller.abort();

    await expect(sleep).resolves.toBeUndefined();
  });

  it('keeps concurrent waits apart', async () => {
    const clock = new VirtualClock();
    const waiter = new SleepWaiter(clock);
    const controller = new AbortController();
    const aborted = waiter.sleep(100, controller.signal);
    const kept = waiter.sleep(100, controller.signal);
    const untouched = waiter.sleep(100);
    expect(abortListeners(controller.signal)).toBe(1);

    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    await expect(kept).rejects.toMatchObject({ name: 'AbortError' });

    expect(clock.pendingTimers).toBe(1);
    await clock.advance(100);
    await expect(untouched).resolves.toBeUndefined();
  });

  it.each([
    [-1, RangeError, 'a number from 0 to 2147483647, received -1.'],
    [Number.NaN, RangeError, 'a number from 0 to 2147483647, received NaN.'],
    [Number.POSITIVE_INFINITY, RangeError, 'a number from 0 to 2147483647, received Infinity.'],
    [2 ** 31, RangeError, 'a number from 0 to 2147483647, received 2147483648.'],
    ['5', TypeError, 'a number from 0 to 2147483647, received "5".'],
    [undefined, TypeError, 'a number from 0 to 2147483647, received undefined.'],
  ])('rejects sleep(%s)', async (ms, errorClass, message) => {
    const clock = new VirtualClock();

    const sleep = new SleepWaiter(clock).sleep(ms as never);

    await expect(sleep).rejects.toThrow(errorClass);
    await expect(sleep).rejects.toThrow(`SleepWaiter.sleep: \`ms\` must be ${message}`);
    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects a signal that is not an AbortSignal', async () => {
    const clock = new VirtualClock();

    const sleep = new SleepWaiter(clock).sleep(10, 'stop' as never);

    await expect(sleep).rejects.toThrow(TypeError);
    await expect(sleep).rejects.toThrow(
      'SleepWaiter.sleep: `signal` must be an AbortSignal, received "stop".',
    );
    expect(clock.pendingTimers).toBe(0);
  });

  it('never throws synchronously', () => {
    const waiter = new SleepWaiter(new VirtualClock());

    let sleep: Promise<void> | undefined;
    expect(() => (sleep = waiter.sleep(-1))).not.toThrow();
    return expect(sleep).rejects.toThrow(RangeError);
  });

  it.each([
    ['null', null],
    ['a value of type object', { now: () => 0 }],
    ['a function', () => 0],
  ])('rejects %s as the clock', (described, clock) => {
    const create = (): unknown => new SleepWaiter(clock as never);

    expect(create).toThrow(TypeError);
    expect(create).toThrow(
      'SleepWaiter: `clock` must be a clock with the methods now, setTimeout, clearTimeout',
    );
    expect(create).toThrow(`received ${described}.`);
  });
});
