/** What an operation receives each time it runs. */
export interface OperationContext {
  /** Aborted when the caller gives up, or when a runner such as a timeout cancels the work. */
  readonly signal: AbortSignal;
  /** The attempt number, starting at 1 and growing by one on each retry or replay. */
  readonly attempt: number;
  /** The stored operation's id, for named operations; `undefined` for a plain callback. */
  readonly operationId?: string | undefined;
  /**
   * The key a receiver can use to drop duplicates. It stays the same on every attempt and every
   * replay of a named operation; `undefined` for a plain callback.
   */
  readonly idempotencyKey?: string | undefined;
}
