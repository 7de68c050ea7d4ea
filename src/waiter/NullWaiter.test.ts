import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { NullWaiter } from './NullWaiter.js';

describe('NullWaiter', () => {
  it('resolves at once', async () => {
    let settled = false;
    const sleep = new NullWaiter().sleep(60_000).then(() => (settled = true));

    await Promise.resolve();
    await Promise.resolve();

    expect(settled).toBe(true);
    await sleep;
  });

  it('resolves with a live signal', async () => {
    const controller = new AbortController();

    await expect(new NullWaiter().sleep(5, controller.signal)).resolves.toBeUndefined();

    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('rejects when already aborted', async () => {
    const reason = new Error('cancelled');

    await expect(new NullWaiter().sleep(5, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it.each([
    [-1, RangeError, 'received -1.'],
    [Number.NaN, RangeError, 'received NaN.'],
    [Number.POSITIVE_INFINITY, RangeError, 'received Infinity.'],
    [2 ** 31, RangeError, 'received 2147483648.'],
    ['5', TypeError, 'received "5".'],
  ])('rejects sleep(%s)', async (ms, errorClass, message) => {
    const sleep = new NullWaiter().sleep(ms as never);

    await expect(sleep).rejects.toThrow(errorClass);
    await expect(sleep).rejects.toThrow(
      'NullWaiter.sleep: `ms` must be a number from 0 to 2147483647',
    );
    await expect(sleep).rejects.toThrow(message);
  });

  it('rejects a signal that is not an AbortSignal', async () => {
    const sleep = new NullWaiter().sleep(1, {} as never);

    await expect(sleep).rejects.toThrow(TypeError);
    await expect(sleep).rejects.toThrow(
      'NullWaiter.sleep: `signal` must be an AbortSignal, received a value of type object.',
    );
  });

  it('never throws synchronously', () => {
    const waiter = new NullWaiter();

    let sleep: Promise<void> | undefined;
    expect(() => (sleep = waiter.sleep(Number.NaN))).not.toThrow();
    return expect(sleep).rejects.toThrow(RangeError);
  });
});
