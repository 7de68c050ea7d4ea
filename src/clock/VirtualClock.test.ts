import { describe, expect, it } from 'vitest';
import { SystemClock } from './SystemClock.js';
import { VirtualClock } from './VirtualClock.js';

describe('VirtualClock', () => {
  it('starts at zero', () => {
    expect(new VirtualClock().now()).toBe(0);
  });

  it('starts at startAt', () => {
    expect(new VirtualClock({ startAt: 1_700_000_000_000 }).now()).toBe(1_700_000_000_000);
  });

  it('moves only when advanced', async () => {
    const clock = new VirtualClock();

    await clock.advance(250);
    await clock.advance(0);

    expect(clock.now()).toBe(250);
  });

  it('fires a timer when due', async () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 100);

    await clock.advance(99);
    expect(fired).toEqual([]);
    await clock.advance(1);
    expect(fired).toEqual([100]);
  });

  it('fires a zero delay timer on advance(0)', async () => {
    const clock = new VirtualClock();
    let fired = false;
    clock.setTimeout(() => (fired = true), 0);

    expect(fired).toBe(false);
    await clock.advance(0);
    expect(fired).toBe(true);
  });

  it('fires in due order then creation order', async () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('c@30'), 30);
    clock.setTimeout(() => fired.push('a@10'), 10);
    clock.setTimeout(() => fired.push('d@30'), 30);
    clock.setTimeout(() => fired.push('b@20'), 20);
    clock.setTimeout(() => fired.push('e@30'), 30);

    await clock.advance(100);

    expect(fired).toEqual(['a@10', 'b@20', 'c@30', 'd@30', 'e@30']);
  });

  it('runs each timer at its due time', async () => {
    const clock = new VirtualClock({ startAt: 1_000 });
    const seen: [number, number][] = [];
    for (const delay of [70, 5, 40, 40, 0]) {
      clock.setTimeout(() => seen.push([delay, clock.now()]), delay);
    }

    await clock.advance(500);

    expect(seen).toEqual([
      [0, 1_000],
      [5, 1_005],
      [40, 1_040],
      [40, 1_040],
      [70, 1_070],
    ]);
    expect(clock.now()).toBe(1_500);
  });

  it('fires timers started by timers', async () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 15);
    }, 10);

    await clock.advance(30);

    expect(fired).toEqual([10, 25]);
  });

  it('keeps timers due after the target', async () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 50);

    await clock.advance(49);

    expect(fired).toEqual([]);
    expect(clock.pendingTimers).toBe(1);
  });

  it('runs promise callbacks between timers', async () => {
    const clock = new VirtualClock();
    const steps: string[] = [];
    const wait = (ms: number): Promise<void> =>
      new Promise((resolve) => clock.setTimeout(resolve, ms));
    const task = async (): Promise<void> => {
      await wait(10);
      steps.push(`first at ${clock.now()}`);
      await Promise.resolve();
      await wait(10);
      steps.push(`second at ${clock.now()}`);
    };
    clock.setTimeout(() => steps.push(`other at ${clock.now()}`), 15);

    const done = task();
    await clock.advance(100);
    await done;

    expect(steps).toEqual(['first at 10', 'other at 15', 'second at 20']);
  });

  it('runs promise callbacks pending before advance', async () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    void Promise.resolve().then(() => clock.setTimeout(() => fired.push(clock.now()), 5));

    await clock.advance(5);

    expect(fired).toEqual([5]);
  });

  it('clears a timer', async () => {
    const clock = new VirtualClock();
    let fired = false;
    const handle = clock.setTimeout(() => (fired = true), 10);

    clock.clearTimeout(handle);
    await clock.advance(20);

    expect(fired).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('ignores a handle that fired or was cleared', async () => {
    const clock = new VirtualClock();
    const handle = clock.setTimeout(() => undefined, 1);
    await clock.advance(1);
    const other = clock.setTimeout(() => undefined, 1);

    clock.clearTimeout(handle);
    clock.clearTimeout(handle);

    expect(clock.pendingTimers).toBe(1);
    clock.clearTimeout(other);
    expect(clock.pendingTimers).toBe(0);
  });

  it('ignores a handle of another clock', () => {
    const clock = new VirtualClock();
    const other = new VirtualClock();
    clock.setTimeout(() => undefined, 10);
    const foreign = other.setTimeout(() => undefined, 10);

    clock.clearTimeout(foreign);

    expect(clock.pendingTimers).toBe(1);
    expect(other.pendingTimers).toBe(1);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 1],
    ['an object', {}],
  ])('ignores %s as a handle', (_label, value) => {
    const clock = new VirtualClock();
    clock.setTimeout(() => undefined, 10);

    expect(() => clock.clearTimeout(value as never)).not.toThrow();
    expect(clock.pendingTimers).toBe(1);
  });

  it('counts pending timers', async () => {
    const clock = new VirtualClock();
    clock.setTimeout(() => undefined, 10);
    clock.setTimeout(() => undefined, 20);
    expect(clock.pendingTimers).toBe(2);

    await clock.advance(10);
    expect(clock.pendingTimers).toBe(1);

    await clock.advance(10);
    expect(clock.pendingTimers).toBe(0);
  });

  it('runAll fires every timer', async () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 300);
    clock.setTimeout(() => {
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 1_000);
    }, 100);

    const reached = await clock.runAll();

    expect(fired).toEqual([100, 300, 1_100]);
    expect(reached).toBe(1_100);
    expect(clock.now()).toBe(1_100);
    expect(clock.pendingTimers).toBe(0);
  });

  it('runAll with no timer keeps the time', async () => {
    const clock = new VirtualClock({ startAt: 42 });

    await expect(clock.runAll()).resolves.toBe(42);
  });

  it('runAll fires timers started by promise callbacks', async () => {
    const clock = new VirtualClock();
    const wait = (ms: number): Promise<void> =>
      new Promise((resolve) => clock.setTimeout(resolve, ms));
    const done = (async () => {
      await wait(10);
      await wait(20);
      return clock.now();
    })();

    await clock.runAll();

    await expect(done).resolves.toBe(30);
  });

  it('runAll throws after maxTimers', async () => {
    const clock = new VirtualClock();
    let firings = 0;
    const reschedule = (): void => {
      firings++;
      clock.setTimeout(reschedule, 5);
    };
    clock.setTimeout(reschedule, 5);

    const result = clock.runAll(10);

    await expect(result).rejects.toThrow(RangeError);
    await expect(result).rejects.toThrow('VirtualClock: timers still pending after 10 firings');
    expect(firings).toBe(10);
    expect(clock.now()).toBe(50);
  });

  it('runAll allows exactly maxTimers', async () => {
    const clock = new VirtualClock();
    for (let index = 1; index <= 3; index++) {
      clock.setTimeout(() => undefined, index);
    }

    await expect(clock.runAll(3)).resolves.toBe(3);
  });

  it.each([
    [-1, RangeError, 'a number from 0 to 2147483647, received -1.'],
    [Number.NaN, RangeError, 'a number from 0 to 2147483647, received NaN.'],
    [Number.POSITIVE_INFINITY, RangeError, 'a number from 0 to 2147483647, received Infinity.'],
    [2 ** 31, RangeError, 'a number from 0 to 2147483647, received 2147483648.'],
    ['5', TypeError, 'a number from 0 to 2147483647, received "5".'],
  ])('rejects delay %s', (delay, errorClass, message) => {
    const clock = new VirtualClock();
    const start = (): unknown => clock.setTimeout(() => undefined, delay as never);

    expect(start).toThrow(errorClass);
    expect(start).toThrow(`VirtualClock: \`delayMs\` must be ${message}`);
    expect(clock.pendingTimers).toBe(0);
  });

  it('accepts the largest timer delay', async () => {
    const clock = new VirtualClock();
    let fired = false;
    clock.setTimeout(() => (fired = true), 2 ** 31 - 1);

    await clock.advance(2 ** 31 - 1);

    expect(fired).toBe(true);
  });

  it('rejects a callback that is not a function', () => {
    const clock = new VirtualClock();
    const start = (): unknown => clock.setTimeout('tick' as never, 10);

    expect(start).toThrow(TypeError);
    expect(start).toThrow('VirtualClock: `callback` must be a function, received "tick".');
    expect(clock.pendingTimers).toBe(0);
  });

  it.each([
    [-5, RangeError, 'received -5.'],
    [Number.NaN, RangeError, 'received NaN.'],
    [Number.POSITIVE_INFINITY, RangeError, 'received Infinity.'],
    ['0', TypeError, 'received "0".'],
  ])('advance rejects %s', async (ms, errorClass, message) => {
    const clock = new VirtualClock();

    const result = clock.advance(ms as never);

    await expect(result).rejects.toThrow(errorClass);
    await expect(result).rejects.toThrow(`VirtualClock: \`ms\` must be a number from 0 to`);
    await expect(result).rejects.toThrow(message);
    expect(clock.now()).toBe(0);
  });

  it.each([
    [0, RangeError],
    [1.5, RangeError],
    [Number.NaN, RangeError],
    ['10', TypeError],
  ])('runAll rejects maxTimers %s', async (maxTimers, errorClass) => {
    const clock = new VirtualClock();

    const result = clock.runAll(maxTimers as never);

    await expect(result).rejects.toThrow(errorClass);
    await expect(result).rejects.toThrow('VirtualClock: `maxTimers` must be an integer from 1');
  });

  it.each([
    [-1, RangeError, 'received -1.'],
    [Number.NaN, RangeError, 'received NaN.'],
    [Number.POSITIVE_INFINITY, RangeError, 'received Infinity.'],
    ['now', TypeError, 'received "now".'],
  ])('rejects startAt %s', (startAt, errorClass, message) => {
    const create = (): unknown => new VirtualClock({ startAt: startAt as never });

    expect(create).toThrow(errorClass);
    expect(create).toThrow('VirtualClock: `startAt` must be a number from 0 to');
    expect(create).toThrow(message);
  });

  it('is interchangeable with the system clock', () => {
    const clocks = [new VirtualClock(), new SystemClock()];

    for (const clock of clocks) {
      expect(typeof clock.now()).toBe('number');
      clock.clearTimeout(clock.setTimeout(() => undefined, 10));
    }
    expect((clocks[0] as VirtualClock).pendingTimers).toBe(0);
  });
});
