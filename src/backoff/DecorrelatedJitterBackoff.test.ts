import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DecorrelatedJitterBackoff,
  type DecorrelatedJitterBackoffOptions,
} from './DecorrelatedJitterBackoff.js';
import {
  cyclingRandom,
  delayArbitrary,
  drawDelays,
  factorArbitrary,
  findInvalidDelay,
} from './drawDelays.testkit.js';

const unitValue = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

describe('DecorrelatedJitterBackoff', () => {
  it('stays at the initial delay when random is 0', () => {
    const backoff = new DecorrelatedJitterBackoff({ initialDelayMs: 50, random: () => 0 });

    expect(drawDelays(backoff, 3)).toEqual([50, 50, 50]);
  });

  it('grows by the factor when random is 1', () => {
    const backoff = new DecorrelatedJitterBackoff({
      initialDelayMs: 100,
      factor: 3,
      maxDelayMs: 2_000,
      random: () => 1,
    });

    expect(drawDelays(backoff, 5)).toEqual([300, 900, 2000, 2000, 2000]);
  });

  it('draws between the initial delay and factor times the previous', () => {
    const backoff = new DecorrelatedJitterBackoff({
      initialDelayMs: 100,
      factor: 3,
      random: cyclingRandom([0.5, 0.5]),
    });

    // 100 + 0.5 × (300 − 100) = 200, then 100 + 0.5 × (600 − 100) = 350.
    expect(drawDelays(backoff, 2)).toEqual([200, 350]);
  });

  it('gives each start its own sequence', () => {
    const backoff = new DecorrelatedJitterBackoff({ initialDelayMs: 100, random: () => 1 });
    const first = backoff.start();
    const context = { attempt: 1, elapsedMs: 0 };
    first.next(context);
    first.next(context);

    expect(backoff.start().next(context)).toBe(300);
  });

  it('keeps every delay valid over 10,000 retries', () => {
    const options = fc.record({
      initialDelayMs: delayArbitrary,
      factor: factorArbitrary,
      maxDelayMs: delayArbitrary,
      randomValues: fc.array(unitValue, { minLength: 1, maxLength: 20 }),
    });
    fc.assert(
      fc.property(options, ({ initialDelayMs, factor, maxDelayMs, randomValues }) => {
        const cap = Math.max(initialDelayMs, maxDelayMs);
        const random = cyclingRandom(randomValues);
        const backoff = new DecorrelatedJitterBackoff({
          initialDelayMs,
          factor,
          maxDelayMs: cap,
          random,
        });
        const delays = drawDelays(backoff, 10_000);

        expect(findInvalidDelay(delays, cap)).toBeUndefined();
        expect(Math.min(...(delays as number[]))).toBeGreaterThanOrEqual(initialDelayMs);
      }),
      { numRuns: 50 },
    );
  });

  it.each<[string, DecorrelatedJitterBackoffOptions, RegExp]>([
    ['a negative initial delay', { initialDelayMs: -1 }, /`initialDelayMs`.*received -1/],
    ['a factor below 1', { factor: 0 }, /`factor`.*received 0/],
    ['a NaN cap', { maxDelayMs: NaN }, /`maxDelayMs`.*received NaN/],
    ['a cap below the base', { initialDelayMs: 100, maxDelayMs: 10 }, /`initialDelayMs`.*100/],
  ])('rejects %s', (_case, options, message) => {
    expect(() => new DecorrelatedJitterBackoff(options)).toThrow(RangeError);
    expect(() => new DecorrelatedJitterBackoff(options)).toThrow(/^DecorrelatedJitterBackoff: /);
    expect(() => new DecorrelatedJitterBackoff(options)).toThrow(message);
  });

  it('rejects a random source that is not a function', () => {
    expect(() => new DecorrelatedJitterBackoff({ random: null as never })).toThrow(
      /^DecorrelatedJitterBackoff: `random` must be a function, received null/,
    );
  });

  it('throws when random returns NaN', () => {
    const sequence = new DecorrelatedJitterBackoff({ random: () => NaN }).start();

    expect(() => sequence.next({ attempt: 1, elapsedMs: 0 })).toThrow(
      /^DecorrelatedJitterBackoff: `random` must return a number from 0 to 1, returned NaN/,
    );
  });
});
