import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';
import { assertNumber } from '../validation/assertNumber.js';
import { assertRequiredObject } from './assertRequiredObject.js';

/** Options of a strict sliding window: at most `maxStarts` starts in any `windowMs`. */
export interface SlidingWindowOptions {
  /** The number of starts allowed in any window of `windowMs`. From 1 to 10^6. */
  readonly maxStarts: number;
  /** The length of the window, in milliseconds. From 1 to 2^31−1. */
  readonly windowMs: number;
}

/**
 * The largest `maxStarts`. The window keeps the time of each of the last `maxStarts` starts,
 * 8 bytes each, for every key.
 */
const MAX_STARTS = 1_000_000;

/**
 * Throws a `TypeError` or `RangeError` naming the component and the option unless `value`
 * contains valid sliding window options. `option` names `value` in the message, such as
 * `slidingWindow` for a runner's option.
 */
export function assertSlidingWindowOptions(
  component: string,
  option: string,
  value: unknown,
): asserts value is SlidingWindowOptions {
  assertRequiredObject(component, option, value);
  const options = value as Partial<Record<keyof SlidingWindowOptions, unknown>>;
  assertNumber(component, `${option}.maxStarts`, options.maxStarts, {
    min: 1,
    max: MAX_STARTS,
    integer: true,
  });
  assertNumber(component, `${option}.windowMs`, options.windowMs, {
    min: 1,
    max: MAX_TIMER_DELAY_MS,
  });
}
