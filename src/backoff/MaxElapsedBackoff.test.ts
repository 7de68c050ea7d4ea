import { describe, expect, it } from 'vitest';
import { ConstantBackoff } from './ConstantBackoff.js';
import { MaxElapsedBackoff } from './MaxElapsedBackoff.js';
import { drawDelays } from './drawDelays.testkit.js';

const constant = new ConstantBackoff({ delayMs: 100 });

describe('MaxElapsedBackoff', () => {
  it('stops before a wait past the budget', () => {
    const backoff = new MaxElapsedBackoff(constant, { maxElapsedMs: 350 });

    // Waits end at 100, 200 and 300 ms; the next would end at 400 ms.
    expect(drawDelays(backoff, 10)).toEqual([100, 100, 100, undefined]);
  });

  it('allows a wait ending exactly at the budget', () => {
    const backoff = new MaxElapsedBackoff(constant, { maxElapsedMs: 200 });

    expect(drawDelays(backoff, 10)).toEqual([100, 100, undefined]);
  });

  it('counts the time spent in attempts', () => {
    const backoff = new MaxElapsedBackoff(constant, { maxElapsedMs: 350 });

    // Each attempt takes 50 ms: waits end at 150 and 300 ms; the next would end at 450 ms.
    expect(drawDelays(backoff, 10, 50)).toEqual([100, 100, undefined]);
  });

  it('keeps the wrapped cap', () => {
    expect(new MaxElapsedBackoff(constant, { maxElapsedMs: 1 }).maxDelayMs).toBe(100);
  });

  it.each([-1, NaN, Infinity])('rejects a budget of %s', (maxElapsedMs) => {
    expect(() => new MaxElapsedBackoff(constant, { maxElapsedMs })).toThrow(RangeError);
    expect(() => new MaxElapsedBackoff(constant, { maxElapsedMs })).toThrow(
      new RegExp(`^MaxElapsedBackoff: \`maxElapsedMs\` .*received ${String(maxElapsedMs)}`),
    );
  });
});
