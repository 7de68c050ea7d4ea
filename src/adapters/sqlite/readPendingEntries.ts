import type { Database } from 'better-sqlite3';
import type { OperationRegistry } from '../../operation/OperationRegistry.js';
import type { PendingEntry } from './PendingEntry.js';
import { operationFromRow } from './rowConversions.js';
import type { OperationRow } from './SqliteStatements.js';

/** A row of the operations table with the last failure's columns. */
interface PendingRow extends OperationRow {
  readonly last_error_name: string | null;
  readonly last_error_message: string | null;
}

const SELECT_PENDING = `
  SELECT sequence, lane, id, name, payload, idempotency_key, attempts, next_attempt_at,
    added_at, last_error_name, last_error_message
  FROM fault_tolerance_operations WHERE buffer = ? ORDER BY sequence`;

/**
 * Reads every operation waiting in buffer `buffer`, oldest first (the order of `current()` and
 * `pop()`), without changing the file. An operation whose name `registry` lacks is still
 * returned, because nothing here runs a handler.
 */
export function readPendingEntries(
  database: Database,
  registry: OperationRegistry,
  buffer: string,
): PendingEntry[] {
  const rows = database.prepare<[string], PendingRow>(SELECT_PENDING).all(buffer);
  return rows.map((row) => {
    const operation = operationFromRow(registry, row);
    return {
      operation,
      operationId: operation.id,
      key: operation.key,
      attempts: row.attempts,
      nextAttemptAt: row.next_attempt_at,
      sequence: row.sequence,
      addedAt: row.added_at,
      lastError:
        row.last_error_name === null
          ? undefined
          : { name: row.last_error_name, message: row.last_error_message ?? '' },
    };
  });
}
