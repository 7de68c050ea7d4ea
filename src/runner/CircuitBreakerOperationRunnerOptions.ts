import type { Backoff } from '../backoff/Backoff.js';
import type { CircuitBreakerSnapshot } from '../breaker/CircuitBreakerSnapshot.js';
import type { CircuitBreakerStrategy } from '../breaker/CircuitBreakerStrategy.js';
import type { Clock } from '../clock/Clock.js';

/** Options of a `CircuitBreakerOperationRunner`. */
export interface CircuitBreakerOperationRunnerOptions {
  /**
   * When a closed circuit opens: after failures in a row, or at a failure rate over the last
   * calls or the last period of time.
   * @default new ConsecutiveFailuresStrategy({ failureThreshold: 5 })
   */
  readonly strategy?: CircuitBreakerStrategy | undefined;
  /**
   * How long the circuit stays open before it admits probes, in milliseconds, from 0 to
   * 2^31−1.
   * @default 30_000
   */
  readonly openMs?: number | undefined;
  /**
   * Makes the open period grow when the circuit opens again before it closed: the n-th open in
   * a row lasts the backoff's n-th delay, such as `new ExponentialBackoff({ initialDelayMs:
   * 5_000, maxDelayMs: 300_000 })`. `openMs` is used until the backoff returns a delay.
   */
  readonly openBackoff?: Backoff | undefined;
  /**
   * The number of probes a half-open circuit admits in each round, from 1. Further calls are
   * rejected at once. A probe that settles without counting, such as one the caller aborts,
   * gives its place back.
   * @default 1
   */
  readonly halfOpenMaxProbes?: number | undefined;
  /**
   * The number of probes that must succeed for the circuit to close, from 1 to
   * `halfOpenMaxProbes`. One failed probe opens the circuit again.
   * @default 1
   */
  readonly halfOpenSuccessThreshold?: number | undefined;
  /**
   * The duration in milliseconds, from 0 up to `Infinity`, above which a call counts as a
   * failure even if it succeeds. `Infinity` turns slow-call counting off.
   * @default Infinity
   */
  readonly slowCallMs?: number | undefined;
  /**
   * Tells whether an error counts as a failure. An error it returns `false` for counts as a
   * success, such as an HTTP 404 from a healthy server. The caller's own abort never counts.
   * If the predicate throws, the call counts as a failure and rejects with the thrown error.
   * @default () => true
   */
  readonly shouldCountError?: ((error: unknown) => boolean) | undefined;
  /** The source of time for open periods, slow calls and time windows. @default systemClock */
  readonly clock?: Clock | undefined;
  /** A state saved with `toJSON()`, to start from. @default a closed circuit */
  readonly initialState?: CircuitBreakerSnapshot | undefined;
}
