import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';
import { ConstantBackoff } from './ConstantBackoff.js';
import { ExponentialBackoff } from './ExponentialBackoff.js';
import { JitterBackoff } from './JitterBackoff.js';
import { MaxRetriesBackoff } from './MaxRetriesBackoff.js';
import {
  cyclingRandom,
  delayArbitrary,
  drawDelays,
  factorArbitrary,
  findInvalidDelay,
} from './drawDelays.testkit.js';

const constant = new ConstantBackoff({ delayMs: 1_000 });
const unitValue = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

describe('JitterBackoff', () => {
  it('draws from 0 to the delay by default', () => {
    const backoff = new JitterBackoff(constant, { random: cyclingRandom([0, 0.25, 0.999]) });

    expect(drawDelays(backoff, 3)).toEqual([1000, 750, 1000 * (1 - 0.999)]);
  });

  it('randomizes only the given ratio', () => {
    const backoff = new JitterBackoff(constant, { ratio: 0.5, random: cyclingRandom([0, 0.5, 1]) });

    expect(drawDelays(backoff, 3)).toEqual([1000, 750, 500]);
  });

  it('leaves delays unchanged at ratio 0', () => {
    const backoff = new JitterBackoff(constant, { ratio: 0, random: cyclingRandom([0.7]) });

    expect(drawDelays(backoff, 2)).toEqual([1000, 1000]);
  });

  it('stops when the wrapped strategy stops', () => {
    const limited = new MaxRetriesBackoff(constant, { maxRetries: 2 });
    const backoff = new JitterBackoff(limited, { random: cyclingRandom([0.5]) });

    expect(drawDelays(backoff, 5)).toEqual([500, 500, undefined]);
  });

  it('keeps the wrapped cap', () => {
    const backoff = new JitterBackoff(new ExponentialBackoff({ maxDelayMs: 5_000 }));

    expect(backoff.maxDelayMs).toBe(5_000);
  });

  it('keeps every delay valid over 10,000 retries', () => {
    const options = fc.record({
      initialDelayMs: delayArbitrary,
      factor: factorArbitrary,
      ratio: fc.double({ min: 0, max: 1, noNaN: true }),
      randomValues: fc.array(unitValue, { minLength: 1, maxLength: 20 }),
    });
    fc.assert(
      fc.property(options, ({ initialDelayMs, factor, ratio, randomValues }) => {
        const maxDelayMs = MAX_TIMER_DELAY_MS;
        const exponential = new ExponentialBackoff({ initialDelayMs, factor, maxDelayMs });
        const random = cyclingRandom(randomValues);
        const backoff = new JitterBackoff(exponential, { ratio, random });

        expect(findInvalidDelay(drawDelays(backoff, 10_000), maxDelayMs)).toBeUndefined();
      }),
      { numRuns: 50 },
    );
  });

  it.each([1.5, -0.1, NaN, Infinity])('throws when random returns %s', (value) => {
    const sequence = new JitterBackoff(constant, { random: () => value }).start();

    expect(() => sequence.next({ attempt: 1, elapsedMs: 0 })).toThrow(RangeError);
    expect(() => sequence.next({ attempt: 1, elapsedMs: 0 })).toThrow(
      /^JitterBackoff: `random` must return a number from 0 to 1/,
    );
  });

  it('rejects a ratio that could make a delay negative', () => {
    expect(() => new JitterBackoff(constant, { ratio: 1.5 })).toThrow(RangeError);
    expect(() => new JitterBackoff(constant, { ratio: 1.5 })).toThrow(
      /^JitterBackoff: `ratio` must be a number from 0 to 1, received 1.5/,
    );
  });

  it.each([-0.5, NaN])('rejects a ratio of %s', (ratio) => {
    expect(() => new JitterBackoff(constant, { ratio })).toThrow(/JitterBackoff: `ratio`/);
  });

  it('rejects a random source that is not a function', () => {
    expect(() => new JitterBackoff(constant, { random: 0.5 as never })).toThrow(TypeError);
    expect(() => new JitterBackoff(constant, { random: 0.5 as never })).toThrow(
      /^JitterBackoff: `random` must be a function, received 0.5/,
    );
  });

  it('rejects a backoff without start', () => {
    expect(() => new JitterBackoff({} as never)).toThrow(TypeError);
    expect(() => new JitterBackoff({} as never)).toThrow(/^JitterBackoff: `backoff` must be/);
  });
});
