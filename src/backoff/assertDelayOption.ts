import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';
import { assertNumber } from '../validation/assertNumber.js';

/** Throws unless `value` is a delay in milliseconds that a timer accepts: 0 to 2^31−1. */
export function assertDelayOption(
  component: string,
  option: string,
  value: unknown,
): asserts value is number {
  assertNumber(component, option, value, { min: 0, max: MAX_TIMER_DELAY_MS });
}

/** Throws a `RangeError` naming both options unless `delayMs` is at most `maxDelayMs`. */
export function assertNotAboveCap(
  component: string,
  option: string,
  delayMs: number,
  maxDelayMs: number,
): void {
  if (delayMs > maxDelayMs) {
    throw new RangeError(
      `${component}: \`${option}\` must be at most \`maxDelayMs\` (${maxDelayMs}), ` +
        `received ${delayMs}.`,
    );
  }
}
