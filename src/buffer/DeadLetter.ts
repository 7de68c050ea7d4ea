import type { Operation } from '../operation/Operation.js';
import type { ErrorSummary } from './ErrorSummary.js';

/** An operation moved out of a buffer because it kept failing or failed for good. */
export interface DeadLetter {
  readonly operation: Operation;
  /** The operation's id, by which `requeue` and `drop` find it; `undefined` for a callback. */
  readonly operationId: string | undefined;
  readonly key: string | undefined;
  /** The number of attempts that failed. */
  readonly attempts: number;
  /** The last failure. */
  readonly error: ErrorSummary;
  /** When the operation was added to the buffer, in milliseconds since the epoch. */
  readonly addedAt: number;
  /** When it was moved to the dead letters, in milliseconds since the epoch. */
  readonly deadLetteredAt: number;
}
