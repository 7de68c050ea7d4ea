import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';
import { ExponentialBackoff, type ExponentialBackoffOptions } from './ExponentialBackoff.js';
import {
  delayArbitrary,
  drawDelays,
  factorArbitrary,
  findInvalidDelay,
} from './drawDelays.testkit.js';

describe('ExponentialBackoff', () => {
  it('multiplies each delay by the factor', () => {
    const backoff = new ExponentialBackoff({ initialDelayMs: 100, factor: 2, maxDelayMs: 10_000 });

    expect(drawDelays(backoff, 5)).toEqual([100, 200, 400, 800, 1600]);
  });

  it('stays at the cap', () => {
    const backoff = new ExponentialBackoff({ initialDelayMs: 100, factor: 3, maxDelayMs: 1_000 });

    expect(drawDelays(backoff, 6)).toEqual([100, 300, 900, 1000, 1000, 1000]);
  });

  it('defaults to 100 ms doubling up to 30 s', () => {
    const backoff = new ExponentialBackoff();
    const delays = drawDelays(backoff, 12);

    expect(delays.slice(0, 3)).toEqual([100, 200, 400]);
    expect(delays.at(-1)).toBe(30_000);
    expect(backoff.maxDelayMs).toBe(30_000);
  });

  it('gives each start its own sequence', () => {
    const backoff = new ExponentialBackoff({ initialDelayMs: 10, factor: 2 });
    const first = backoff.start();
    const second = backoff.start();
    const context = { attempt: 1, elapsedMs: 0 };

    expect(first.next(context)).toBe(10);
    expect(first.next(context)).toBe(20);
    expect(second.next(context)).toBe(10);
    expect(first.next(context)).toBe(40);
  });

  it('never stops by itself', () => {
    const delays = drawDelays(new ExponentialBackoff(), 10_000);

    expect(delays).toHaveLength(10_000);
    expect(delays).not.toContain(undefined);
  });

  it('reaches the largest timer delay without overflow', () => {
    const backoff = new ExponentialBackoff({
      initialDelayMs: 1,
      factor: Number.MAX_VALUE,
      maxDelayMs: MAX_TIMER_DELAY_MS,
    });

    expect(drawDelays(backoff, 10_000).slice(0, 3)).toEqual([
      1,
      MAX_TIMER_DELAY_MS,
      MAX_TIMER_DELAY_MS,
    ]);
  });

  it('keeps every delay valid over 10,000 retries', () => {
    const options = fc.record({
      initialDelayMs: delayArbitrary,
      factor: factorArbitrary,
      maxDelayMs: delayArbitrary,
    });
    fc.assert(
      fc.property(options, ({ initialDelayMs, factor, maxDelayMs }) => {
        const cap = Math.max(initialDelayMs, maxDelayMs);
        const backoff = new ExponentialBackoff({ initialDelayMs, factor, maxDelayMs: cap });

        expect(findInvalidDelay(drawDelays(backoff, 10_000), cap)).toBeUndefined();
      }),
      { numRuns: 50 },
    );
  });

  it.each<[string, ExponentialBackoffOptions, RegExp]>([
    ['a negative initial delay', { initialDelayMs: -1 }, /`initialDelayMs`.*received -1/],
    ['an infinite initial delay', { initialDelayMs: Infinity }, /`initialDelayMs`.*Infinity/],
    ['a NaN factor', { factor: NaN }, /`factor`.*received NaN/],
    ['a factor below 1', { factor: 0.5 }, /`factor`.*from 1.*received 0.5/],
    ['an infinite factor', { factor: Infinity }, /`factor`.*received Infinity/],
    ['a cap above 2^31−1', { maxDelayMs: 2 ** 31 }, /`maxDelayMs`.*2147483648/],
    [
      'a cap below the base',
      { initialDelayMs: 500, maxDelayMs: 100 },
      /`initialDelayMs`.*\(100\).*500/,
    ],
  ])('rejects %s', (_case, options, message) => {
    expect(() => new ExponentialBackoff(options)).toThrow(RangeError);
    expect(() => new ExponentialBackoff(options)).toThrow(/^ExponentialBackoff: /);
    expect(() => new ExponentialBackoff(options)).toThrow(message);
  });

  it('rejects options of the wrong type', () => {
    expect(() => new ExponentialBackoff(5 as never)).toThrow(TypeError);
    expect(() => new ExponentialBackoff({ factor: '2' as never })).toThrow(
      /ExponentialBackoff: `factor`.*received "2"/,
    );
  });
});
