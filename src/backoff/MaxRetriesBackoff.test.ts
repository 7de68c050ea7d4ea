import { describe, expect, it } from 'vitest';
import { ConstantBackoff } from './ConstantBackoff.js';
import { MaxRetriesBackoff } from './MaxRetriesBackoff.js';
import { drawDelays } from './drawDelays.testkit.js';

const constant = new ConstantBackoff({ delayMs: 10 });

describe('MaxRetriesBackoff', () => {
  it('stops after the given retries', () => {
    const backoff = new MaxRetriesBackoff(constant, { maxRetries: 3 });

    expect(drawDelays(backoff, 10)).toEqual([10, 10, 10, undefined]);
  });

  it('stops at once for 0 retries', () => {
    expect(drawDelays(new MaxRetriesBackoff(constant, { maxRetries: 0 }), 3)).toEqual([undefined]);
  });

  it('counts each start separately', () => {
    const backoff = new MaxRetriesBackoff(constant, { maxRetries: 1 });

    expect(drawDelays(backoff, 3)).toEqual([10, undefined]);
    expect(drawDelays(backoff, 3)).toEqual([10, undefined]);
  });

  it('keeps the wrapped cap', () => {
    expect(new MaxRetriesBackoff(constant, { maxRetries: 1 }).maxDelayMs).toBe(10);
  });

  it.each([-1, 1.5, NaN, Infinity])('rejects %s retries', (maxRetries) => {
    expect(() => new MaxRetriesBackoff(constant, { maxRetries })).toThrow(RangeError);
    expect(() => new MaxRetriesBackoff(constant, { maxRetries })).toThrow(
      new RegExp(`^MaxRetriesBackoff: \`maxRetries\` must be an integer .*${String(maxRetries)}`),
    );
  });
});
