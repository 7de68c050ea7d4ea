import type { Backoff } from '../backoff/Backoff.js';
import { ExponentialBackoff } from '../backoff/ExponentialBackoff.js';
import { JitterBackoff } from '../backoff/JitterBackoff.js';
import { assertBackoff } from '../backoff/assertBackoff.js';
import { isIndependentOfElapsedTime } from '../backoff/elapsedTimeIndependence.js';
import { assertDelayOption } from '../backoff/assertDelayOption.js';
import type { Clock } from '../clock/Clock.js';
import { systemClock } from '../clock/SystemClock.js';
import { assertClock } from '../clock/assertClock.js';
import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';
import { assertFunction } from '../validation/assertFunction.js';
import { assertNumber } from '../validation/assertNumber.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import { withDefaults } from '../options/withDefaults.js';
import { SleepWaiter } from '../waiter/SleepWaiter.js';
import type { Waiter } from '../waiter/Waiter.js';
import { assertWaiter } from '../waiter/assertWaiter.js';
import type { OperationRunner } from './OperationRunner.js';
import type { AttemptFailure } from './RetryOperationRunnerEvents.js';
import type { RetryOperationRunnerOptions } from './RetryOperationRunnerOptions.js';
import { assertRunner } from './assertRunner.js';

const COMPONENT = 'RetryOperationRunner';

/** The options of a retry runner with every default applied and every value validated. */
export interface RetryOperationRunnerSettings {
  readonly runner: OperationRunner;
  readonly maxAttempts: number;
  readonly backoff: Backoff;
  readonly maxDelayMs: number;
  readonly maxElapsedMs: number;
  readonly clock: Clock;
  readonly waiter: Waiter;
  readonly shouldRetry: (error: unknown, attempt: number) => boolean;
  readonly shouldRetryResult: ((result: unknown, attempt: number) => boolean) | undefined;
  readonly retryAfter: (failure: AttemptFailure) => number | undefined;
  /**
   * Whether the start of every execution must be read from the clock, because a time budget
   * or a backoff that may read `elapsedMs` depends on it.
   */
  readonly measuresFromStart: boolean;
}

const DEFAULTS = Object.freeze({
  maxAttempts: 3,
  backoff: new JitterBackoff(new ExponentialBackoff()),
  maxElapsedMs: Infinity,
  clock: systemClock,
  shouldRetry: () => true,
  retryAfter: readRetryAfterMs,
});

/** Merges `options` over the defaults and validates every value, naming the bad option. */
export function resolveRetrySettings(
  runner: unknown,
  options: RetryOperationRunnerOptions | undefined,
): RetryOperationRunnerSettings {
  assertRunner(COMPONENT, 'runner', runner);
  assertOptionsObject(COMPONENT, 'options', options);
  const merged = withDefaults(DEFAULTS, options);

  assertNumber(COMPONENT, 'maxAttempts', merged.maxAttempts, {
    min: 1,
    max: Infinity,
    integer: true,
  });

  assertBackoff(COMPONENT, 'backoff', merged.backoff);
  const maxDelayMs = merged.maxDelayMs ?? merged.backoff.maxDelayMs ?? MAX_TIMER_DELAY_MS;
  assertDelayOption(COMPONENT, 'maxDelayMs', maxDelayMs);
  assertNumber(COMPONENT, 'maxElapsedMs', merged.maxElapsedMs, { min: 0, max: Infinity });

  assertClock(COMPONENT, 'clock', merged.clock);
  const waiter = merged.waiter ?? new SleepWaiter(merged.clock);
  assertWaiter(COMPONENT, 'waiter', waiter);

  assertFunction(COMPONENT, 'shouldRetry', merged.shouldRetry);
  assertOptionalFunction('shouldRetryResult', merged.shouldRetryResult);
  assertFunction(COMPONENT, 'retryAfter', merged.retryAfter);
  assertOptionalFunction('onRetry', merged.onRetry);
  assertOptionalFunction('onGiveUp', merged.onGiveUp);

  return {
    runner,
    maxAttempts: merged.maxAttempts,
    backoff: merged.backoff,
    maxDelayMs,
    maxElapsedMs: merged.maxElapsedMs,
    clock: merged.clock,
    waiter,
    shouldRetry: merged.shouldRetry,
    shouldRetryResult: merged.shouldRetryResult,
    retryAfter: merged.retryAfter,
    measuresFromStart:
      merged.maxElapsedMs !== Infinity || !isIndependentOfElapsedTime(merged.backoff),
  };
}

function assertOptionalFunction(option: string, value: unknown): void {
  if (value !== undefined) {
    assertFunction(COMPONENT, option, value);
  }
}

/** Reads a numeric `retryAfterMs` property from the failed attempt's error or result. */
function readRetryAfterMs(failure: AttemptFailure): number | undefined {
  const source = failure.kind === 'error' ? failure.error : failure.result;
  if (typeof source !== 'object' || source === null) {
    return undefined;
  }
  let value: unknown;
  try {
    value = (source as { readonly retryAfterMs?: unknown }).retryAfterMs;
  } catch {
    // A Proxy or a getter that throws gives no delay, so the call still ends with the failure.
    return undefined;
  }
  return typeof value === 'number' ? value : undefined;
}
