import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenBucketLimiter } from './TokenBucketLimiter.js';

describe('TokenBucketLimiter', () => {
  it('starts full', () => {
    const bucket = new TokenBucketLimiter({ capacity: 3, refillPerSecond: 1 });

    expect(bucket.availableTokens(0)).toBe(3);
    expect(bucket.delayUntilPermit(0, 0)).toBe(0);
    expect(bucket.delayUntilIdle(0)).toBe(0);
  });

  it('allows a burst of capacity', () => {
    const bucket = new TokenBucketLimiter({ capacity: 3, refillPerSecond: 1 });

    for (let index = 0; index < 3; index++) {
      expect(bucket.delayUntilPermit(0, 0)).toBe(0);
      bucket.take(0);
    }

    expect(bucket.delayUntilPermit(0, 0)).toBe(1000);
  });

  it('estimates the wait of later calls', () => {
    const bucket = new TokenBucketLimiter({ capacity: 2, refillPerSecond: 4 });
    bucket.take(0);
    bucket.take(0);

    expect(bucket.delayUntilPermit(0, 0)).toBe(250);
    expect(bucket.delayUntilPermit(0, 1)).toBe(500);
    expect(bucket.delayUntilPermit(100, 2)).toBe(650);
  });

  it('refills continuously', () => {
    const bucket = new TokenBucketLimiter({ capacity: 10, refillPerSecond: 2 });
    for (let index = 0; index < 10; index++) {
      bucket.take(0);
    }

    expect(bucket.availableTokens(250)).toBeCloseTo(0.5, 9);
    expect(bucket.availableTokens(1500)).toBeCloseTo(3, 9);
    expect(bucket.delayUntilIdle(1500)).toBeCloseTo(3500, 6);
  });

  it('stops refilling at capacity', () => {
    const bucket = new TokenBucketLimiter({ capacity: 4, refillPerSecond: 100 });
    bucket.take(0);

    expect(bucket.availableTokens(1_000_000)).toBe(4);
    bucket.take(1_000_000);
    expect(bucket.availableTokens(1_000_000)).toBe(3);
  });

  it('finds the token at the computed time', () => {
    const bucket = new TokenBucketLimiter({ capacity: 1, refillPerSecond: 3 });
    let now = 0;
    for (let index = 0; index < 1000; index++) {
      now += bucket.delayUntilPermit(now, 0);
      expect(bucket.delayUntilPermit(now, 0)).toBe(0);
      bucket.take(now);
    }

    expect(now).toBeCloseTo((999 * 1000) / 3, 3);
  });

  it('adds nothing when the clock is set back', () => {
    const bucket = new TokenBucketLimiter({ capacity: 2, refillPerSecond: 1 });
    bucket.take(10_000);
    bucket.take(10_000);

    expect(bucket.availableTokens(4_000)).toBe(0);
    expect(bucket.availableTokens(4_500)).toBeCloseTo(0.5, 9);
    expect(bucket.delayUntilPermit(4_500, 0)).toBeCloseTo(500, 6);
  });

  it('never exceeds capacity, refills across gaps', () => {
    const step = fc.record({
      gapMs: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 100_000 })),
      takes: fc.integer({ min: 0, max: 6 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0.01, max: 500, noNaN: true }),
        fc.array(step, { maxLength: 60 }),
        (capacity, refillPerSecond, steps) => {
          const bucket = new TokenBucketLimiter({ capacity, refillPerSecond });
          let expected = capacity;
          let now = 0;
          for (const { gapMs, takes } of steps) {
            now += gapMs;
            expected = Math.min(capacity, expected + (gapMs * refillPerSecond) / 1000);
            expect(bucket.availableTokens(now)).toBeLessThanOrEqual(capacity);
            expect(bucket.availableTokens(now)).toBeCloseTo(expected, 6);
            for (let index = 0; index < takes && bucket.delayUntilPermit(now, 0) === 0; index++) {
              bucket.take(now);
              expected -= 1;
            }
            expect(expected).toBeGreaterThan(-1e-6);
          }
        },
      ),
    );
  });

  it('rejects invalid options', () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /TokenBucketLimiter: `options` must be an object, received undefined/],
      [{ capacity: 0, refillPerSecond: 1 }, /`options.capacity` must be an integer from 1 .*0/],
      [{ capacity: 1.5, refillPerSecond: 1 }, /`options.capacity` .* received 1.5/],
      [{ capacity: 2, refillPerSecond: 0 }, /`options.refillPerSecond` must be .* received 0/],
      [{ capacity: 2, refillPerSecond: NaN }, /`options.refillPerSecond` .* received NaN/],
      [{ capacity: 2 }, /`options.refillPerSecond` .* received undefined/],
      [{ capacity: '2', refillPerSecond: 1 }, /`options.capacity` .* received "2"/],
    ];
    for (const [options, message] of cases) {
      expect(() => new TokenBucketLimiter(options as never)).toThrow(message);
    }
  });
});
