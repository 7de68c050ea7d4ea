/** The primitive that waits, so that runners can wait on real or virtual time. */
export interface Waiter {
  /**
   * Resolves after `ms` milliseconds (from 0 to 2^31−1). Rejects at once with the signal's
   * reason when `signal` is or becomes aborted, and then cancels the wait.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
