import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';
import { assertNumber } from '../validation/assertNumber.js';

/** Throws unless `ms` is a delay a timer accepts: a number from 0 to 2^31−1. */
export function assertDelay(component: string, ms: unknown): asserts ms is number {
  assertNumber(component, 'ms', ms, { min: 0, max: MAX_TIMER_DELAY_MS });
}
