import type { BufferEntry } from '../../buffer/BufferEntry.js';
import type { DeadLetter } from '../../buffer/DeadLetter.js';
import type { NamedOperation } from '../../operation/NamedOperation.js';
import type { OperationRegistry } from '../../operation/OperationRegistry.js';
import type { StoredOperation } from '../../operation/StoredOperation.js';
import type { DeadLetterRow, OperationRow } from './SqliteStatements.js';

/** The lane of operations without a key. Keys are never empty, so it cannot clash with one. */
export const UNKEYED_LANE = '';

/** Returns the lane column's value for `key`. */
export function laneOf(key: string | undefined): string {
  return key ?? UNKEYED_LANE;
}

function storedFrom(row: OperationRow | DeadLetterRow): StoredOperation {
  return {
    name: row.name,
    payloadJson: row.payload,
    id: row.id,
    idempotencyKey: row.idempotency_key,
    key: row.lane === UNKEYED_LANE ? undefined : row.lane,
  };
}

/** Rebuilds the named operation of a row of the operations table. */
export function operationFromRow(registry: OperationRegistry, row: OperationRow): NamedOperation {
  return registry.restore(storedFrom(row));
}

/** Rebuilds the buffer entry, and its operation, from a row of the operations table. */
export function entryFromRow(registry: OperationRegistry, row: OperationRow): BufferEntry {
  const operation = operationFromRow(registry, row);
  return {
    operation,
    key: operation.key,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    sequence: row.sequence,
  };
}

/** Rebuilds a dead letter, and its operation, from a row of the dead-letters table. */
export function deadLetterFromRow(registry: OperationRegistry, row: DeadLetterRow): DeadLetter {
  const operation = registry.restore(storedFrom(row));
  return {
    operation,
    operationId: operation.id,
    key: operation.key,
    attempts: row.attempts,
    error: { name: row.error_name, message: row.error_message },
    addedAt: row.added_at,
    deadLetteredAt: row.dead_lettered_at,
  };
}
