import { describe, expect, it } from 'vitest';
import { ConstantBackoff } from './ConstantBackoff.js';
import { drawDelays } from './drawDelays.testkit.js';

describe('ConstantBackoff', () => {
  it('repeats the delay', () => {
    expect(drawDelays(new ConstantBackoff({ delayMs: 250 }), 4)).toEqual([250, 250, 250, 250]);
  });

  it('defaults to 100 ms', () => {
    const backoff = new ConstantBackoff();

    expect(drawDelays(backoff, 2)).toEqual([100, 100]);
    expect(backoff.maxDelayMs).toBe(100);
  });

  it('never stops by itself', () => {
    const delays = drawDelays(new ConstantBackoff({ delayMs: 0 }), 10_000);

    expect(delays).toHaveLength(10_000);
    expect(new Set(delays)).toEqual(new Set([0]));
  });

  it.each([-1, NaN, Infinity, 2 ** 31])('rejects a delay of %s', (delayMs) => {
    expect(() => new ConstantBackoff({ delayMs })).toThrow(RangeError);
    expect(() => new ConstantBackoff({ delayMs })).toThrow(
      new RegExp(`^ConstantBackoff: \`delayMs\` .*received ${String(delayMs)}`),
    );
  });
});
