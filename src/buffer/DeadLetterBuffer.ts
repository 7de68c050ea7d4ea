import type { BufferEntry } from './BufferEntry.js';
import type { DeadLetter } from './DeadLetter.js';
import type { ErrorSummary } from './ErrorSummary.js';
import type { MaybePromise } from './OperationBuffer.js';

/** The place where `requeue` puts a dead letter back: after every operation, or first in its key. */
export type RequeuePosition = 'tail' | 'head';

/** Options of {@link DeadLetterBuffer.requeue}. */
export interface RequeueOptions {
  /** @default 'tail' */
  readonly position?: RequeuePosition | undefined;
}

/** The final failure of an entry moved to the dead letters. */
export interface DeadLetterFailure {
  /** The number of attempts that failed, this one included. */
  readonly attempts: number;
  readonly error: ErrorSummary;
  /** When the last attempt failed, in milliseconds since the epoch. */
  readonly failedAt: number;
}

/**
 * A buffer with a dead-letter area: operations that failed for good wait there, out of the
 * way of the operations behind them, until a person requeues or drops them.
 */
export interface DeadLetterBuffer {
  /** Moves `entry` from the buffer to the dead letters, in one step. */
  deadLetter(entry: BufferEntry, failure: DeadLetterFailure): MaybePromise<void>;
  /** The dead letters, oldest first. */
  deadLetters(): MaybePromise<readonly DeadLetter[]>;
  /**
   * Moves the oldest dead letter with `operationId` back into the buffer, with its attempt
   * count reset, at the tail or at the head of its key. Resolves `false` when none has that id.
   */
  requeue(operationId: string, options?: RequeueOptions): MaybePromise<boolean>;
  /** Deletes the oldest dead letter with `operationId`; resolves `false` when none has it. */
  drop(operationId: string): MaybePromise<boolean>;
}

/** Tells whether `buffer` has a dead-letter area. */
export function isDeadLetterBuffer(buffer: object): buffer is DeadLetterBuffer {
  const candidate = buffer as Partial<DeadLetterBuffer>;
  return (
    typeof candidate.deadLetter === 'function' &&
    typeof candidate.deadLetters === 'function' &&
    typeof candidate.requeue === 'function' &&
    typeof candidate.drop === 'function'
  );
}
