import type { PendingEntry } from '../../adapters/sqlite/PendingEntry.js';
import { formatTime } from './formatTime.js';
import { describeBuffer, type InspectedBuffer } from './InspectedBuffer.js';

/** Counts of a buffer, as `buffer stats --json` prints them. */
export interface BufferStats {
  readonly file: string;
  readonly buffer: string;
  /** Operations waiting to run. */
  readonly pending: number;
  /** Distinct keys among the pending operations; unkeyed operations are not counted. */
  readonly keys: number;
  /** Pending operations with at least one failed attempt. */
  readonly failing: number;
  readonly deadLetters: number;
  /** When the oldest pending operation was added, in milliseconds since the epoch. */
  readonly oldestPendingAddedAt: number | null;
}

/** Counts the pending operations, their keys and the dead letters, as text or JSON. */
export async function summarizeBuffer(inspected: InspectedBuffer, json: boolean): Promise<string> {
  const entries = await inspected.buffer.entries();
  const letters = await inspected.buffer.deadLetters();
  const keys = new Set(entries.flatMap((entry) => (entry.key === undefined ? [] : [entry.key])));
  const stats: BufferStats = {
    file: inspected.file,
    buffer: inspected.name,
    pending: entries.length,
    keys: keys.size,
    failing: entries.filter((entry) => entry.attempts > 0).length,
    deadLetters: letters.length,
    oldestPendingAddedAt: oldestAddedAt(entries),
  };
  if (json) {
    return JSON.stringify(stats, null, 2);
  }
  const oldest = stats.oldestPendingAddedAt;
  return [
    `${describeBuffer(inspected)}:`,
    `  pending operations:           ${stats.pending}`,
    `  keys of pending operations:   ${stats.keys}`,
    `  pending after a failure:      ${stats.failing}`,
    `  oldest pending added:         ${oldest === null ? '-' : formatTime(oldest)}`,
    `  dead letters:                 ${stats.deadLetters}`,
  ].join('\n');
}

function oldestAddedAt(entries: readonly PendingEntry[]): number | null {
  let oldest: number | null = null;
  for (const entry of entries) {
    oldest = oldest === null ? entry.addedAt : Math.min(oldest, entry.addedAt);
  }
  return oldest;
}
