import type { BufferEntry } from './BufferEntry.js';
import type { ErrorSummary } from './ErrorSummary.js';
import type { MaybePromise, OperationBuffer } from './OperationBuffer.js';

/** A failed attempt, as a keyed buffer records it with the operation. */
export interface FailedAttempt {
  /** The number of attempts that failed so far, this one included. */
  readonly attempts: number;
  /** When the next attempt is due, in milliseconds since the epoch. */
  readonly nextAttemptAt: number;
  readonly error: ErrorSummary;
}

/**
 * A buffer that keeps order per key and stores each operation's retry progress. Operations with
 * the same key run in the order they were added; operations without a key share one order.
 * A buffered runner reads the head of every key with `heads()`, so that a failing operation
 * blocks only its own key.
 */
export interface KeyedOperationBuffer extends OperationBuffer {
  /** The first entry of every key, oldest first. */
  heads(): MaybePromise<readonly BufferEntry[]>;
  /** Removes `entry` after its operation succeeded; resolves `false` when it was gone. */
  remove(entry: BufferEntry): MaybePromise<boolean>;
  /** Stores a failed attempt of `entry`, which stays at the head of its key. */
  recordFailure(entry: BufferEntry, failure: FailedAttempt): MaybePromise<void>;
}

/** Tells whether `buffer` keeps order per key (has `heads`, `remove` and `recordFailure`). */
export function isKeyedBuffer(buffer: OperationBuffer): buffer is KeyedOperationBuffer {
  const candidate = buffer as Partial<KeyedOperationBuffer>;
  return (
    typeof candidate.heads === 'function' &&
    typeof candidate.remove === 'function' &&
    typeof candidate.recordFailure === 'function'
  );
}
