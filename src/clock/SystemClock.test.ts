import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TimerHandle } from './Clock.js';
import { SystemClock, systemClock } from './SystemClock.js';

const started: TimerHandle[] = [];

function asTimeout(handle: TimerHandle): NodeJS.Timeout {
  return handle as NodeJS.Timeout;
}

afterEach(() => {
  started.splice(0).forEach((handle) => systemClock.clearTimeout(handle));
});

describe('SystemClock', () => {
  it('reads milliseconds since the epoch', () => {
    const now = new SystemClock().now();

    expect(Math.abs(now - Date.now())).toBeLessThan(1_000);
  });

  it('never goes back', () => {
    const clock = new SystemClock();
    let previous = clock.now();
    for (let read = 0; read < 10_000; read++) {
      const now = clock.now();
      expect(now).toBeGreaterThanOrEqual(previous);
      previous = now;
    }
  });

  it('ignores a wall-clock change', () => {
    const clock = new SystemClock();
    const before = clock.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(before - 3_600_000);
      const after = clock.now();

      expect(Date.now()).toBeLessThan(before - 3_500_000);
      expect(after).toBeGreaterThanOrEqual(before);
      expect(after - before).toBeLessThan(1_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('starts a Node.js timer', () => {
    const handle = new SystemClock().setTimeout(() => undefined, 60_000);
    started.push(handle);

    expect(asTimeout(handle).hasRef()).toBe(true);
  });

  it('unrefs the timer when asked', () => {
    const handle = new SystemClock().setTimeout(() => undefined, 60_000, { unref: true });
    started.push(handle);

    expect(asTimeout(handle).hasRef()).toBe(false);
  });

  it('keeps the timer referenced for unref false', () => {
    const handle = new SystemClock().setTimeout(() => undefined, 60_000, { unref: false });
    started.push(handle);

    expect(asTimeout(handle).hasRef()).toBe(true);
  });

  it('fires the callback', async () => {
    const clock = new SystemClock();

    const firedAt = await new Promise<number>((resolve) => {
      clock.setTimeout(() => resolve(clock.now()), 0);
    });

    expect(typeof firedAt).toBe('number');
  });

  it('clears a timer', async () => {
    const clock = new SystemClock();
    let fired = false;
    const handle = clock.setTimeout(() => (fired = true), 0);

    clock.clearTimeout(handle);
    // A later zero delay timer fires after the cleared one would have.
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 0));

    expect(fired).toBe(false);
  });

  it.each([
    [2 ** 31, RangeError, 'received 2147483648.'],
    [-1, RangeError, 'received -1.'],
    [Number.NaN, RangeError, 'received NaN.'],
    [Number.POSITIVE_INFINITY, RangeError, 'received Infinity.'],
    ['10', TypeError, 'received "10".'],
  ])('rejects delay %s', (delay, errorClass, message) => {
    const start = (): unknown => new SystemClock().setTimeout(() => undefined, delay as never);

    expect(start).toThrow(errorClass);
    expect(start).toThrow('SystemClock: `delayMs` must be a number from 0 to 2147483647');
    expect(start).toThrow(message);
  });

  it('accepts the largest timer delay', () => {
    const handle = new SystemClock().setTimeout(() => undefined, 2 ** 31 - 1, { unref: true });
    started.push(handle);

    expect(asTimeout(handle).hasRef()).toBe(false);
  });

  it('rejects a callback that is not a function', () => {
    const start = (): unknown => new SystemClock().setTimeout(null as never, 10);

    expect(start).toThrow(TypeError);
    expect(start).toThrow('SystemClock: `callback` must be a function, received null.');
  });

  it('shares one default instance', () => {
    expect(systemClock).toBeInstanceOf(SystemClock);
  });
});
