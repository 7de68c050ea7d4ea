/** Per-call options of {@link OperationRunner.run}. */
export interface RunOptions {
  /** Aborts the call: the runner rejects at once with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /**
   * The attempt number passed to the operation's context. Runners that repeat an operation,
   * such as the retry runner, set it for the runner they decorate.
   * @default 1
   */
  readonly attempt?: number | undefined;
}
