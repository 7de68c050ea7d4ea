import type { SqliteOperationBuffer } from '../../adapters/sqlite/SqliteOperationBuffer.js';
import { printable } from './printable.js';

/** An open buffer, with the file and name it was opened from, for messages. */
export interface InspectedBuffer {
  readonly buffer: SqliteOperationBuffer;
  readonly file: string;
  readonly name: string;
}

/** Names the buffer and its file in a message, such as `buffer "default" of "outbox.db"`. */
export function describeBuffer(inspected: InspectedBuffer): string {
  return `buffer ${quote(inspected.name)} of ${quote(inspected.file)}`;
}

/** Quotes a name, id or path for a message, with its control characters escaped. */
export function quote(text: string): string {
  return printable(JSON.stringify(text));
}
