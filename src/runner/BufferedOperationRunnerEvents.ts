/** Events of a `BufferedOperationRunner`, by name. */
export interface BufferedOperationRunnerEvents {
  /** An operation was added at the tail of the buffer. */
  readonly buffered: { readonly operationId: string | undefined };
  /**
   * An operation from the buffer succeeded and was removed. `attempt` above 1 means it had
   * failed before and was replayed.
   */
  readonly success: { readonly operationId: string | undefined; readonly attempt: number };
  /**
   * An operation from the buffer failed. Unless it moves to the dead letters, it stays at the
   * head and the drain stops (for a keyed buffer, the drain skips the rest of its key).
   */
  readonly failure: {
    readonly operationId: string | undefined;
    readonly attempt: number;
    readonly error: unknown;
  };
  /**
   * An operation failed for good (a final error, or its last allowed attempt) and moved to the
   * buffer's dead letters. The operations behind it with the same key go on.
   */
  readonly deadLettered: {
    readonly operationId: string | undefined;
    readonly key: string | undefined;
    /** The number of attempts that failed. */
    readonly attempts: number;
    readonly error: unknown;
  };
}
