import { assertNumber } from '../validation/assertNumber.js';

/** Settings shared by the sliding-window strategies. */
export interface FailureRateRule {
  readonly minimumCalls: number;
  readonly failureRateThreshold: number;
}

/**
 * Throws unless `minimumCalls` is an integer from 1 to `maxMinimumCalls` and
 * `failureRateThreshold` a number from 0 to 1.
 */
export function assertFailureRate(
  component: string,
  rule: FailureRateRule,
  maxMinimumCalls: number,
): void {
  assertNumber(component, 'minimumCalls', rule.minimumCalls, {
    min: 1,
    max: maxMinimumCalls,
    integer: true,
  });
  assertNumber(component, 'failureRateThreshold', rule.failureRateThreshold, { min: 0, max: 1 });
}

/**
 * Tells whether a window of `calls` calls, `failures` of them failed, should open the
 * circuit: it needs `minimumCalls` calls and at least one failure, at a rate of at least
 * `failureRateThreshold`.
 */
export function exceedsFailureRate(
  rule: FailureRateRule,
  calls: number,
  failures: number,
): boolean {
  return (
    calls >= rule.minimumCalls && failures > 0 && failures / calls >= rule.failureRateThreshold
  );
}
