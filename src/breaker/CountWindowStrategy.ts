import type { Clock } from '../clock/Clock.js';
import { withDefaults } from '../options/withDefaults.js';
import { assertNumber } from '../validation/assertNumber.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import type { CircuitBreakerStrategy, FailureTracker } from './CircuitBreakerStrategy.js';
import { CountWindow, type CountWindowRule } from './CountWindow.js';
import { assertFailureRate } from './assertFailureRate.js';

/** Options of {@link CountWindowStrategy}. */
export interface CountWindowStrategyOptions {
  /** The number of most recent calls the failure rate is computed over, from 1. @default 100 */
  readonly windowSize?: number | undefined;
  /**
   * The number of calls the window must contain before the circuit can open, from 1 to
   * `windowSize`.
   * @default 20, or `windowSize` when it is smaller
   */
  readonly minimumCalls?: number | undefined;
  /**
   * The share of failed calls, from 0 to 1, at or above which the circuit opens. At least one
   * call must have failed.
   * @default 0.5
   */
  readonly failureRateThreshold?: number | undefined;
}

const COMPONENT = 'CountWindowStrategy';
/** The largest window, which bounds the memory of one breaker to 1 MB. */
const MAX_WINDOW_SIZE = 1_000_000;

const DEFAULTS = Object.freeze({
  windowSize: 100,
  minimumCalls: 20,
  failureRateThreshold: 0.5,
} satisfies CountWindowStrategyOptions);

/**
 * Opens the circuit when the failure rate over the last `windowSize` calls reaches
 * `failureRateThreshold`, once the window contains at least `minimumCalls` calls.
 *
 * @example
 * new CountWindowStrategy({ windowSize: 50, minimumCalls: 10, failureRateThreshold: 0.5 });
 */
export class CountWindowStrategy implements CircuitBreakerStrategy {
  readonly windowSize: number;
  readonly minimumCalls: number;
  readonly failureRateThreshold: number;

  constructor(options: CountWindowStrategyOptions = {}) {
    assertOptionsObject(COMPONENT, 'options', options);
    const { windowSize, failureRateThreshold } = withDefaults(DEFAULTS, options);
    assertNumber(COMPONENT, 'windowSize', windowSize, {
      min: 1,
      max: MAX_WINDOW_SIZE,
      integer: true,
    });
    // The default shrinks to a smaller window, so that such a window can open the circuit.
    const minimumCalls =
      options.minimumCalls === undefined
        ? Math.min(DEFAULTS.minimumCalls, windowSize)
        : options.minimumCalls;
    const rule: CountWindowRule = { windowSize, minimumCalls, failureRateThreshold };
    assertFailureRate(COMPONENT, rule, windowSize);
    this.windowSize = rule.windowSize;
    this.minimumCalls = rule.minimumCalls;
    this.failureRateThreshold = rule.failureRateThreshold;
  }

  createTracker(_clock: Clock, saved?: unknown): FailureTracker {
    const window = new CountWindow(this);
    window.restore(saved);
    return window;
  }
}
