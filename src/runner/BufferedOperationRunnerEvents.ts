/** Events of a `BufferedOperationRunner`, by name. */
export interface BufferedOperationRunnerEvents {
  /** An operation was added at the tail of the buffer. */
  readonly buffered: { readonly operationId: string | undefined };
  /**
   * An operation from the buffer succeeded and was removed. `attempt` above 1 means it had
   * failed before and was replayed.
   */
  readonly success: { readonly operationId: string | undefined; readonly attempt: number };
  /** An operation from the buffer failed; it stays at the head and the drain stops. */
  readonly failure: {
    readonly operationId: string | undefined;
    readonly attempt: number;
    readonly error: unknown;
  };
}
