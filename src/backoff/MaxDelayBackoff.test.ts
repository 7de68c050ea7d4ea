import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';
import type { Backoff } from './Backoff.js';
import { ExponentialBackoff } from './ExponentialBackoff.js';
import { LinearBackoff } from './LinearBackoff.js';
import { MaxDelayBackoff } from './MaxDelayBackoff.js';
import { MaxRetriesBackoff } from './MaxRetriesBackoff.js';
import { delayArbitrary, drawDelays, findInvalidDelay } from './drawDelays.testkit.js';

describe('MaxDelayBackoff', () => {
  it('shortens delays above the cap', () => {
    const linear = new LinearBackoff({ initialDelayMs: 100, incrementMs: 100 });
    const backoff = new MaxDelayBackoff(linear, { maxDelayMs: 250 });

    expect(drawDelays(backoff, 4)).toEqual([100, 200, 250, 250]);
  });

  it('reports the smaller of both caps', () => {
    const exponential = new ExponentialBackoff({ maxDelayMs: 1_000 });

    expect(new MaxDelayBackoff(exponential, { maxDelayMs: 500 }).maxDelayMs).toBe(500);
    expect(new MaxDelayBackoff(exponential, { maxDelayMs: 5_000 }).maxDelayMs).toBe(1_000);
  });

  it('caps a strategy without a cap of its own', () => {
    const unbounded: Backoff = { start: () => ({ next: () => MAX_TIMER_DELAY_MS }) };
    const backoff = new MaxDelayBackoff(unbounded, { maxDelayMs: 30 });

    expect(backoff.maxDelayMs).toBe(30);
    expect(drawDelays(backoff, 2)).toEqual([30, 30]);
  });

  it('passes the end of the sequence through', () => {
    const limited = new MaxRetriesBackoff(new LinearBackoff(), { maxRetries: 1 });

    expect(drawDelays(new MaxDelayBackoff(limited, { maxDelayMs: 50 }), 3)).toEqual([
      50,
      undefined,
    ]);
  });

  it('keeps every delay within the cap over 10,000 retries', () => {
    const delay = delayArbitrary;
    fc.assert(
      fc.property(delay, (maxDelayMs) => {
        const exponential = new ExponentialBackoff({ maxDelayMs: MAX_TIMER_DELAY_MS });
        const backoff = new MaxDelayBackoff(exponential, { maxDelayMs });

        expect(findInvalidDelay(drawDelays(backoff, 10_000), maxDelayMs)).toBeUndefined();
      }),
      { numRuns: 50 },
    );
  });

  it.each([-1, NaN, Infinity])('rejects a cap of %s', (maxDelayMs) => {
    expect(() => new MaxDelayBackoff(new LinearBackoff(), { maxDelayMs })).toThrow(RangeError);
    expect(() => new MaxDelayBackoff(new LinearBackoff(), { maxDelayMs })).toThrow(
      new RegExp(`^MaxDelayBackoff: \`maxDelayMs\` .*received ${String(maxDelayMs)}`),
    );
  });

  it('rejects missing options', () => {
    expect(() => new MaxDelayBackoff(new LinearBackoff(), undefined as never)).toThrow(
      /^MaxDelayBackoff: `maxDelayMs` .*received undefined/,
    );
  });
});
