import type { Clock } from '../clock/Clock.js';

/**
 * The failure counts of one circuit breaker, kept while the circuit is closed. A tracker is
 * created by a {@link CircuitBreakerStrategy} for one breaker and is not shared.
 */
export interface FailureTracker {
  /** Records the outcome of one call and returns whether the circuit should open. */
  record(failed: boolean): boolean;
  /** Forgets every recorded call, when the circuit opens or is reset. */
  reset(): void;
  /** The counts as JSON-compatible data, which `createTracker` can restore. */
  toJSON(): unknown;
}

/**
 * Decides when a closed circuit opens. A strategy is immutable and contains only its settings,
 * so one strategy can serve many breakers: each breaker creates its own tracker.
 *
 * @example
 * new CircuitBreakerOperationRunner(inner, {
 *   strategy: new CountWindowStrategy({ windowSize: 50, failureRateThreshold: 0.5 }),
 * });
 */
export interface CircuitBreakerStrategy {
  /**
   * Creates the counts of one breaker, on `clock`. `saved` is the output of a tracker's
   * `toJSON`. The tracker starts from it when a strategy of the same kind and size wrote it,
   * and starts empty otherwise.
   */
  createTracker(clock: Clock, saved?: unknown): FailureTracker;
}
