import { FaultToleranceError } from './FaultToleranceError.js';

/** Data carried by a {@link BufferedOperationError}. */
export interface BufferedOperationErrorDetails {
  /** Whether the caller's operation is still in the buffer and will be replayed. */
  readonly kept: boolean;
  /**
   * Whether the caller's own operation failed (`true`), or an operation ahead of it failed and
   * stopped the drain before it ran (`false`).
   */
  readonly failedItself: boolean;
  /** The failure that stopped the drain. */
  readonly cause: unknown;
  /** Results of the operations that completed in the same drain before the failure. */
  readonly completed?: readonly unknown[] | undefined;
}

/**
 * Rejection of `BufferedOperationRunner.run()` when the caller's operation did not complete.
 * `kept` is true when it stays in the buffer, to be replayed first by a later drain, and
 * `cause` is the failure that stopped the drain.
 */
export class BufferedOperationError extends FaultToleranceError {
  override readonly name = 'BufferedOperationError';
  readonly code = 'ERR_OPERATION_KEPT';
  readonly kept: boolean;
  readonly failedItself: boolean;
  readonly completed: readonly unknown[];

  constructor(details: BufferedOperationErrorDetails) {
    super(describe(details), { cause: details.cause });
    this.kept = details.kept;
    this.failedItself = details.failedItself;
    this.completed = details.completed ?? [];
  }
}

function describe(details: BufferedOperationErrorDetails): string {
  if (!details.failedItself && !details.kept) {
    return (
      'The operation left the buffer without this runner running it, so its result is unknown ' +
      'here. See `cause` for details.'
    );
  }
  const what = details.failedItself
    ? 'The operation failed'
    : 'An operation ahead of this one failed, so this one did not run';
  const where = details.kept
    ? 'it is kept in the buffer and will be replayed first by the next drain'
    : 'it is no longer in the buffer';
  return `${what}; ${where}. See \`cause\` for the failure.`;
}
