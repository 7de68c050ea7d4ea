import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from './SlidingWindowLimiter.js';

/** Serves `waiting` calls one by one at the earliest time each is allowed; returns the times. */
function serve(window: SlidingWindowLimiter, now: number, waiting: number): number[] {
  const times: number[] = [];
  let current = now;
  for (let index = 0; index < waiting; index++) {
    current += window.delayUntilPermit(current, 0);
    window.take(current);
    times.push(current);
  }
  return times;
}

describe('SlidingWindowLimiter', () => {
  it('allows maxStarts at once', () => {
    const window = new SlidingWindowLimiter({ maxStarts: 3, windowMs: 1000 });

    expect(serve(window, 0, 3)).toEqual([0, 0, 0]);
    expect(window.delayUntilPermit(0, 0)).toBe(1000);
  });

  it('frees a permit when the oldest start leaves', () => {
    const window = new SlidingWindowLimiter({ maxStarts: 2, windowMs: 1000 });
    window.take(0);
    window.take(400);

    expect(window.delayUntilPermit(999, 0)).toBe(1);
    expect(window.delayUntilPermit(1000, 0)).toBe(0);
    window.take(1000);
    expect(window.delayUntilPermit(1000, 0)).toBe(400);
  });

  it('predicts the permits of waiters', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 500 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 20 }),
        (maxStarts, windowMs, gaps, waiting) => {
          const window = new SlidingWindowLimiter({ maxStarts, windowMs });
          let now = 0;
          for (const gap of gaps) {
            now += gap;
            now += window.delayUntilPermit(now, 0);
            window.take(now);
          }
          const predicted = Array.from(
            { length: waiting },
            (_, ahead) => now + window.delayUntilPermit(now, ahead),
          );

          expect(serve(window, now, waiting)).toEqual(predicted);
        },
      ),
    );
  });

  it('becomes idle one window after the last start', () => {
    const window = new SlidingWindowLimiter({ maxStarts: 5, windowMs: 100 });
    expect(window.delayUntilIdle(0)).toBe(0);
    window.take(10);
    window.take(30);

    expect(window.delayUntilIdle(40)).toBe(90);
    expect(window.delayUntilIdle(130)).toBe(0);
  });

  it('holds starts when the clock is set back', () => {
    const window = new SlidingWindowLimiter({ maxStarts: 2, windowMs: 1000 });
    window.take(50_000);
    window.take(50_000);

    expect(window.delayUntilPermit(10_000, 0)).toBe(1000);
    expect(window.delayUntilPermit(11_000, 0)).toBe(0);
    expect(window.delayUntilIdle(10_500)).toBe(500);
  });

  it('rejects invalid options', () => {
    const cases: [unknown, RegExp][] = [
      [null, /SlidingWindowLimiter: `options` must be an object, received null/],
      [{ maxStarts: 0, windowMs: 1 }, /`options.maxStarts` must be an integer from 1 .*0/],
      [{ maxStarts: 2.5, windowMs: 1 }, /`options.maxStarts` .* received 2.5/],
      [{ maxStarts: 1, windowMs: 0 }, /`options.windowMs` must be a number from 1 .* received 0/],
      [{ maxStarts: 1, windowMs: Infinity }, /`options.windowMs` .* received Infinity/],
      [{ maxStarts: 1 }, /`options.windowMs` .* received undefined/],
    ];
    for (const [options, message] of cases) {
      expect(() => new SlidingWindowLimiter(options as never)).toThrow(message);
    }
  });
});
