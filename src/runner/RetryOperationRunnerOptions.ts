import type { Backoff } from '../backoff/Backoff.js';
import type { Clock } from '../clock/Clock.js';
import type { Listener } from '../events/EventEmitter.js';
import type { Waiter } from '../waiter/Waiter.js';
import type { AttemptFailure, GiveUpEvent, RetryEvent } from './RetryOperationRunnerEvents.js';

/** Options of `RetryOperationRunner`. */
export interface RetryOperationRunnerOptions {
  /**
   * How many attempts one execution makes at most, the first one included: a whole number
   * from 1 up, or `Infinity` to retry until success, a non-retryable error, an abort or
   * `maxElapsedMs`. It is a hard limit, whatever the backoff returns.
   * @default 3
   */
  readonly maxAttempts?: number | undefined;
  /**
   * The delays between attempts. One strategy may be shared by many runners.
   * @default new JitterBackoff(new ExponentialBackoff()): full jitter over 100, 200, 400, …
   * milliseconds, capped at 30 seconds
   */
  readonly backoff?: Backoff | undefined;
  /**
   * The maximum wait between two attempts, in milliseconds, from 0 to 2^31−1. It bounds the
   * backoff's delays and server-given delays (`retryAfter`) alike.
   * @default the backoff's `maxDelayMs`, or 2^31−1 when it has none
   */
  readonly maxDelayMs?: number | undefined;
  /**
   * The time budget of one execution, in milliseconds from its first attempt: the runner
   * gives up instead of starting a wait that would end after it. It does not interrupt an
   * attempt that is running; put a timeout runner inside the retry runner for that.
   * @default Infinity
   */
  readonly maxElapsedMs?: number | undefined;
  /** The source of time for `maxElapsedMs` and event timings. @default systemClock */
  readonly clock?: Clock | undefined;
  /** The waiter that pauses between attempts. @default new SleepWaiter(clock) */
  readonly waiter?: Waiter | undefined;
  /**
   * Tells whether an error is worth another attempt; `attempt` is the number of the attempt
   * that failed. It is not called for a `NonRetryableError` or an `UnknownOperationError`,
   * nor after the caller's signal aborted, since those are never retried. If it throws, the
   * execution rejects with that error.
   * @default () => true
   */
  readonly shouldRetry?: ((error: unknown, attempt: number) => boolean) | undefined;
  /**
   * Tells whether a result counts as a failure worth another attempt, such as an HTTP 503
   * response. When the runner gives up on such a result, it resolves with that last result.
   * @default undefined: every result is a success
   */
  readonly shouldRetryResult?: ((result: unknown, attempt: number) => boolean) | undefined;
  /**
   * Reads a server-given delay, in milliseconds, from a failure (such as HTTP `Retry-After`).
   * A number from 0 up replaces the backoff's delay for the next wait, still bounded by
   * `maxDelayMs` and `maxElapsedMs`. With `undefined` or any other value, the runner waits
   * the backoff's delay. The backoff still decides whether to retry at all.
   * @default reads a numeric `retryAfterMs` property of the error or result
   */
  readonly retryAfter?: ((failure: AttemptFailure) => number | undefined) | undefined;
  /** Called before each wait; the same as a listener of the `retry` event. */
  readonly onRetry?: Listener<RetryEvent> | undefined;
  /** Called when the runner stops retrying; the same as a listener of the `giveUp` event. */
  readonly onGiveUp?: Listener<GiveUpEvent> | undefined;
}
