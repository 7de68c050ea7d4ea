/** The facts a {@link BackoffSequence} receives when it is asked for the next delay. */
export interface BackoffContext {
  /** The number of the attempt that just failed, counting from 1 within this execution. */
  readonly attempt: number;
  /** Milliseconds since the first attempt of this execution started. */
  readonly elapsedMs: number;
}

/** The delays of one execution, produced one at a time. */
export interface BackoffSequence {
  /**
   * Returns the delay in milliseconds to wait before the next attempt, from 0 to 2^31−1, or
   * `undefined` to stop retrying.
   */
  next(context: BackoffContext): number | undefined;
}

/**
 * A delay strategy. It is immutable, so one strategy can serve many concurrent executions:
 * each execution calls `start()` once and draws its own delays from the sequence it returns.
 *
 * @example
 * const sequence = new ExponentialBackoff({ initialDelayMs: 100 }).start();
 * sequence.next({ attempt: 1, elapsedMs: 0 }); // 100
 * sequence.next({ attempt: 2, elapsedMs: 100 }); // 200
 */
export interface Backoff {
  /**
   * The largest delay the strategy returns, when it has one. The retry runner also bounds a
   * server-given delay (such as HTTP `Retry-After`) by it.
   */
  readonly maxDelayMs?: number | undefined;
  /** Starts a new, independent sequence of delays for one execution. */
  start(): BackoffSequence;
}
