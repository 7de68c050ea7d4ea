import type { Clock } from '../clock/Clock.js';
import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';
import { withDefaults } from '../options/withDefaults.js';
import { assertNumber } from '../validation/assertNumber.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import type { CircuitBreakerStrategy, FailureTracker } from './CircuitBreakerStrategy.js';
import { TimeWindow, type TimeWindowRule } from './TimeWindow.js';
import { assertFailureRate } from './assertFailureRate.js';

/** Options of {@link TimeWindowStrategy}. */
export interface TimeWindowStrategyOptions {
  /** The length of the window, in milliseconds, from 1 to 2^31−1. @default 60_000 */
  readonly windowMs?: number | undefined;
  /**
   * The number of buckets the window is split into, from 1 to 1000 and at most `windowMs`.
   * The window slides one bucket at a time.
   * @default 10
   */
  readonly bucketCount?: number | undefined;
  /**
   * The number of calls the window must contain before the circuit can open, from 1.
   * @default 20
   */
  readonly minimumCalls?: number | undefined;
  /**
   * The share of failed calls, from 0 to 1, at or above which the circuit opens. At least one
   * call must have failed.
   * @default 0.5
   */
  readonly failureRateThreshold?: number | undefined;
}

const COMPONENT = 'TimeWindowStrategy';
const MAX_BUCKET_COUNT = 1_000;

const DEFAULTS = Object.freeze({
  windowMs: 60_000,
  bucketCount: 10,
  minimumCalls: 20,
  failureRateThreshold: 0.5,
} satisfies TimeWindowStrategyOptions);

/**
 * Opens the circuit when the failure rate over the calls of the last `windowMs` reaches
 * `failureRateThreshold`, once the window contains at least `minimumCalls` calls. Time comes from
 * the breaker's clock.
 *
 * @example
 * new TimeWindowStrategy({ windowMs: 30_000, bucketCount: 10, minimumCalls: 20 });
 */
export class TimeWindowStrategy implements CircuitBreakerStrategy {
  readonly windowMs: number;
  readonly bucketCount: number;
  readonly minimumCalls: number;
  readonly failureRateThreshold: number;

  constructor(options: TimeWindowStrategyOptions = {}) {
    assertOptionsObject(COMPONENT, 'options', options);
    const rule: TimeWindowRule = withDefaults(DEFAULTS, options);
    assertNumber(COMPONENT, 'windowMs', rule.windowMs, {
      min: 1,
      max: MAX_TIMER_DELAY_MS,
      integer: true,
    });
    assertNumber(COMPONENT, 'bucketCount', rule.bucketCount, {
      min: 1,
      max: Math.min(MAX_BUCKET_COUNT, rule.windowMs),
      integer: true,
    });
    assertFailureRate(COMPONENT, rule, Number.MAX_SAFE_INTEGER);
    this.windowMs = rule.windowMs;
    this.bucketCount = rule.bucketCount;
    this.minimumCalls = rule.minimumCalls;
    this.failureRateThreshold = rule.failureRateThreshold;
  }

  createTracker(clock: Clock, saved?: unknown): FailureTracker {
    const window = new TimeWindow(this, clock);
    window.restore(saved);
    return window;
  }
}
