import type { TimeoutMode } from '../timeout/TimeoutMode.js';

/** Events of a `TimeoutOperationRunner`, by name. */
export interface TimeoutOperationRunnerEvents {
  /** A call reached its deadline and the operation's signal was aborted. */
  readonly timeout: {
    readonly timeoutMs: number;
    readonly mode: TimeoutMode;
    readonly operationId: string | undefined;
  };
  /**
   * A call resolved with the operation's result. `afterDeadline` is `true` when a
   * `cooperative` call resolved although its deadline had passed.
   */
  readonly success: { readonly afterDeadline: boolean; readonly operationId: string | undefined };
  /**
   * A call rejected: with an `OperationTimeoutError` after the deadline, with the caller's abort
   * reason, or with the operation's own failure.
   */
  readonly failure: { readonly error: unknown; readonly operationId: string | undefined };
}
