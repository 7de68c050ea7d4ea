import type { PendingEntry } from '../../adapters/sqlite/PendingEntry.js';
import { formatNextAttempt, formatTime } from './formatTime.js';
import { formatTable } from './formatTable.js';
import { describeBuffer, type InspectedBuffer } from './InspectedBuffer.js';
import { shorten, TABLE_MESSAGE_LENGTH } from './shorten.js';

/** Lists the pending operations, oldest first, as a table or as a JSON array. Never the payload. */
export async function listPending(inspected: InspectedBuffer, json: boolean): Promise<string> {
  const entries = await inspected.buffer.entries();
  if (json) {
    return JSON.stringify(entries.map(toJson), null, 2);
  }
  const where = describeBuffer(inspected);
  if (entries.length === 0) {
    return `No pending operations in ${where}.`;
  }
  const header = ['ID', 'NAME', 'KEY', 'ATTEMPTS', 'NEXT ATTEMPT', 'ADDED', 'LAST ERROR'];
  const table = formatTable(header, entries.map(toRow));
  const count = entries.length === 1 ? '1 operation' : `${entries.length} operations`;
  return `${count} pending in ${where}, oldest first:\n${table}`;
}

function toRow(entry: PendingEntry): string[] {
  const error = entry.lastError;
  return [
    entry.operationId,
    entry.operation.name,
    entry.key ?? '-',
    String(entry.attempts),
    formatNextAttempt(entry.nextAttemptAt),
    formatTime(entry.addedAt),
    error === undefined ? '' : shorten(`${error.name}: ${error.message}`, TABLE_MESSAGE_LENGTH),
  ];
}

function toJson(entry: PendingEntry): Record<string, unknown> {
  return {
    id: entry.operationId,
    name: entry.operation.name,
    key: entry.key ?? null,
    idempotencyKey: entry.operation.idempotencyKey,
    attempts: entry.attempts,
    nextAttemptAt: entry.nextAttemptAt,
    addedAt: entry.addedAt,
    lastError: entry.lastError ?? null,
  };
}
