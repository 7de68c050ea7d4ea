import type { DeadLetter } from '../../buffer/DeadLetter.js';
import { NamedOperation } from '../../operation/NamedOperation.js';
import { formatTime } from './formatTime.js';
import { formatTable } from './formatTable.js';
import { describeBuffer, type InspectedBuffer } from './InspectedBuffer.js';
import { shorten, TABLE_MESSAGE_LENGTH } from './shorten.js';

/** Lists the dead letters, oldest first, as a table or as a JSON array. Never the payload. */
export async function listDeadLetters(inspected: InspectedBuffer, json: boolean): Promise<string> {
  const letters = await inspected.buffer.deadLetters();
  if (json) {
    return JSON.stringify(letters.map(toJson), null, 2);
  }
  const where = describeBuffer(inspected);
  if (letters.length === 0) {
    return `No dead letters in ${where}.`;
  }
  const header = ['ID', 'NAME', 'KEY', 'ATTEMPTS', 'ADDED', 'DEAD-LETTERED', 'LAST ERROR'];
  const table = formatTable(header, letters.map(toRow));
  const count = letters.length === 1 ? '1 dead letter' : `${letters.length} dead letters`;
  return `${count} in ${where}, oldest first:\n${table}`;
}

/** Returns the operation's name. An SQLite buffer stores named operations only. */
function nameOf(letter: DeadLetter): string {
  return letter.operation instanceof NamedOperation ? letter.operation.name : '-';
}

function idempotencyKeyOf(letter: DeadLetter): string | null {
  return letter.operation instanceof NamedOperation ? letter.operation.idempotencyKey : null;
}

function toRow(letter: DeadLetter): string[] {
  return [
    letter.operationId ?? '-',
    nameOf(letter),
    letter.key ?? '-',
    String(letter.attempts),
    formatTime(letter.addedAt),
    formatTime(letter.deadLetteredAt),
    shorten(`${letter.error.name}: ${letter.error.message}`, TABLE_MESSAGE_LENGTH),
  ];
}

function toJson(letter: DeadLetter): Record<string, unknown> {
  return {
    id: letter.operationId ?? null,
    name: nameOf(letter),
    key: letter.key ?? null,
    idempotencyKey: idempotencyKeyOf(letter),
    attempts: letter.attempts,
    addedAt: letter.addedAt,
    deadLetteredAt: letter.deadLetteredAt,
    error: letter.error,
  };
}
