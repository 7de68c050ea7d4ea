import type { BufferEntry } from '../../buffer/BufferEntry.js';
import type { ErrorSummary } from '../../buffer/ErrorSummary.js';
import type { NamedOperation } from '../../operation/NamedOperation.js';

/** An operation waiting in an SQLite buffer, with its retry progress and when it was added. */
export interface PendingEntry extends BufferEntry {
  readonly operation: NamedOperation;
  readonly operationId: string;
  /** When the operation was added to the buffer, in milliseconds since the epoch. */
  readonly addedAt: number;
  /** The last failed attempt's error, or `undefined` when no attempt has failed yet. */
  readonly lastError: ErrorSummary | undefined;
}
