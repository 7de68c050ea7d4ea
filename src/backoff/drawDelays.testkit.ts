import fc from 'fast-check';
import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';
import type { Backoff } from './Backoff.js';
import type { RandomSource } from './drawRandom.js';

/**
 * Draws up to `count` delays from a new sequence of `backoff`, as a retry runner would, and
 * stops early at the first `undefined`. Elapsed time grows by each delay plus `attemptMs`.
 */
export function drawDelays(backoff: Backoff, count: number, attemptMs = 0): (number | undefined)[] {
  const sequence = backoff.start();
  const delays: (number | undefined)[] = [];
  let elapsedMs = attemptMs;
  for (let attempt = 1; attempt <= count; attempt++) {
    const delayMs = sequence.next({ attempt, elapsedMs });
    delays.push(delayMs);
    if (delayMs === undefined) {
      break;
    }
    elapsedMs += delayMs + attemptMs;
  }
  return delays;
}

/**
 * Returns the first delay that is not a finite number from 0 to `maxDelayMs` and to 2^31−1,
 * with its index, or `undefined` when every delay is valid. Checking in one pass keeps
 * property tests over thousands of delays fast, and the failure shows the culprit.
 */
export function findInvalidDelay(
  delays: readonly (number | undefined)[],
  maxDelayMs: number,
): { readonly index: number; readonly delayMs: number } | undefined {
  const limit = Math.min(maxDelayMs, MAX_TIMER_DELAY_MS);
  const index = delays.findIndex(
    (delayMs) =>
      delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0 && delayMs <= limit),
  );
  return index === -1 ? undefined : { index, delayMs: delays[index] as number };
}

/** A random source that returns `values` in turn, over and over. */
export function cyclingRandom(values: readonly number[]): RandomSource {
  let index = 0;
  return () => {
    const value = values[index % values.length] ?? 0;
    index++;
    return value;
  };
}

/**
 * Delays from 0 to 2^31−1 ms, with the edges (0, 1 and the maximum) drawn often, since
 * they are where overflow and NaN hide.
 */
export const delayArbitrary = fc.oneof(
  fc.constantFrom(0, 1, MAX_TIMER_DELAY_MS),
  fc.double({ min: 0, max: MAX_TIMER_DELAY_MS, noNaN: true }),
);

/** Factors from 1 to `Number.MAX_VALUE`, with the edges drawn often. */
export const factorArbitrary = fc.oneof(
  fc.constantFrom(1, 2, Number.MAX_VALUE),
  fc.double({ min: 1, max: Number.MAX_VALUE, noNaN: true }),
);
