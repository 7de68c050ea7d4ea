/** The outcome of a failed attempt: an error, or a result that `shouldRetryResult` rejected. */
export type AttemptFailure =
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'result'; readonly result: unknown };

/**
 * Why a retry runner stopped retrying:
 * - `nonRetryable`: the error is a `NonRetryableError` or an `UnknownOperationError`, or
 *   `shouldRetry` returned false.
 * - `maxAttempts`: the last allowed attempt failed.
 * - `backoffEnded`: the backoff strategy returned no further delay.
 * - `maxElapsed`: the next wait would end after `maxElapsedMs`.
 * - `aborted`: the caller's signal was aborted.
 */
export type GiveUpReason =
  'nonRetryable' | 'maxAttempts' | 'backoffEnded' | 'maxElapsed' | 'aborted';

/** Payload of the `attempt` event. */
export interface AttemptEvent {
  /** The number of the attempt that starts. */
  readonly attempt: number;
  /** Milliseconds since the first attempt of this execution started. */
  readonly elapsedMs: number;
}

/** Payload of the `failure` event. */
export interface FailureEvent {
  /** The number of the attempt that failed. */
  readonly attempt: number;
  readonly elapsedMs: number;
  readonly failure: AttemptFailure;
}

/** Payload of the `retry` event. */
export interface RetryEvent {
  /** The number of the attempt that failed; the next one is `attempt + 1`. */
  readonly attempt: number;
  /** How long the runner waits before the next attempt, in milliseconds. */
  readonly delayMs: number;
  readonly elapsedMs: number;
  readonly failure: AttemptFailure;
}

/** Payload of the `success` event. */
export interface SuccessEvent {
  /** The number of the attempt that succeeded. */
  readonly attempt: number;
  /** How many attempts this execution made, the successful one included. */
  readonly attempts: number;
  readonly elapsedMs: number;
}

/** Payload of the `giveUp` event. */
export interface GiveUpEvent {
  /** The number of the last attempt. */
  readonly attempt: number;
  /** How many attempts this execution made. */
  readonly attempts: number;
  readonly elapsedMs: number;
  readonly reason: GiveUpReason;
  /** The last failure; for `aborted`, the signal's reason as an error. */
  readonly failure: AttemptFailure;
}

/** Events of a `RetryOperationRunner`, by name. */
export interface RetryOperationRunnerEvents {
  /** An attempt starts. */
  readonly attempt: AttemptEvent;
  /** An attempt failed, before the runner decides whether to retry. */
  readonly failure: FailureEvent;
  /** The runner waits `delayMs` and then tries again. */
  readonly retry: RetryEvent;
  /** An attempt succeeded and the execution resolves with its result. */
  readonly success: SuccessEvent;
  /** The runner stopped retrying; the execution settles with the last failure. */
  readonly giveUp: GiveUpEvent;
}
