import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinearBackoff, type LinearBackoffOptions } from './LinearBackoff.js';
import { delayArbitrary, drawDelays, findInvalidDelay } from './drawDelays.testkit.js';

describe('LinearBackoff', () => {
  it('adds the increment each retry', () => {
    const backoff = new LinearBackoff({ initialDelayMs: 100, incrementMs: 50 });

    expect(drawDelays(backoff, 4)).toEqual([100, 150, 200, 250]);
  });

  it('stays at the cap', () => {
    const backoff = new LinearBackoff({ initialDelayMs: 100, incrementMs: 400, maxDelayMs: 1_000 });

    expect(drawDelays(backoff, 5)).toEqual([100, 500, 900, 1000, 1000]);
  });

  it('defaults to 100 ms steps up to 30 s', () => {
    const backoff = new LinearBackoff();
    const delays = drawDelays(backoff, 400);

    expect(delays.slice(0, 3)).toEqual([100, 200, 300]);
    expect(delays.at(-1)).toBe(30_000);
  });

  it('keeps every delay valid over 10,000 retries', () => {
    const delay = delayArbitrary;
    fc.assert(
      fc.property(delay, delay, delay, (initialDelayMs, incrementMs, maxDelayMs) => {
        const cap = Math.max(initialDelayMs, maxDelayMs);
        const backoff = new LinearBackoff({ initialDelayMs, incrementMs, maxDelayMs: cap });

        expect(findInvalidDelay(drawDelays(backoff, 10_000), cap)).toBeUndefined();
      }),
      { numRuns: 50 },
    );
  });

  it.each<[string, LinearBackoffOptions, RegExp]>([
    ['a negative initial delay', { initialDelayMs: -5 }, /`initialDelayMs`.*received -5/],
    ['a NaN increment', { incrementMs: NaN }, /`incrementMs`.*received NaN/],
    ['an infinite increment', { incrementMs: Infinity }, /`incrementMs`.*Infinity/],
    ['an infinite cap', { maxDelayMs: Infinity }, /`maxDelayMs`.*Infinity/],
    ['a cap below the base', { initialDelayMs: 200, maxDelayMs: 100 }, /`initialDelayMs`.*200/],
  ])('rejects %s', (_case, options, message) => {
    expect(() => new LinearBackoff(options)).toThrow(RangeError);
    expect(() => new LinearBackoff(options)).toThrow(/^LinearBackoff: /);
    expect(() => new LinearBackoff(options)).toThrow(message);
  });
});
