import type { TimeoutMode } from '../timeout/TimeoutMode.js';
import { FaultToleranceError } from './FaultToleranceError.js';

/** Data carried by an {@link OperationTimeoutError}. */
export interface OperationTimeoutErrorDetails {
  /** The time limit that passed, in milliseconds. */
  readonly timeoutMs: number;
  /** Whether the runner waited for the operation after the deadline (`cooperative`) or not. */
  readonly mode: TimeoutMode;
  /** The operation's id, for named operations. */
  readonly operationId?: string | undefined;
  /** The operation's own failure, when it failed after its signal was aborted. */
  readonly cause?: unknown;
}

/**
 * Rejection of `TimeoutOperationRunner.run()` when the operation did not finish within
 * `timeoutMs`. The operation's signal was aborted with this error as its reason. In
 * `cooperative` mode `cause` is the failure the operation settled with after the abort.
 */
export class OperationTimeoutError extends FaultToleranceError {
  override readonly name = 'OperationTimeoutError';
  readonly code = 'ERR_OPERATION_TIMEOUT';
  readonly timeoutMs: number;
  readonly mode: TimeoutMode;
  readonly operationId: string | undefined;

  constructor(details: OperationTimeoutErrorDetails) {
    super(describe(details), 'cause' in details ? { cause: details.cause } : undefined);
    this.timeoutMs = details.timeoutMs;
    this.mode = details.mode;
    this.operationId = details.operationId;
  }
}

function describe(details: OperationTimeoutErrorDetails): string {
  return (
    `The operation timed out after ${details.timeoutMs} ms and its signal was aborted. ` +
    'Raise `timeoutMs` if the operation needs more time.'
  );
}
