import type { Operation } from '../operation/Operation.js';

/** An operation waiting in a keyed buffer, with its retry progress. */
export interface BufferEntry {
  readonly operation: Operation;
  /** The operation's ordering key, or `undefined` for the shared order of unkeyed operations. */
  readonly key: string | undefined;
  /** The number of attempts that failed so far; 0 for an operation that never ran. */
  readonly attempts: number;
  /** When the next attempt is due, in milliseconds since the epoch; 0 when it is due now. */
  readonly nextAttemptAt: number;
  /** The entry's position, which the buffer uses to find it again. Lower runs first. */
  readonly sequence: number;
}
