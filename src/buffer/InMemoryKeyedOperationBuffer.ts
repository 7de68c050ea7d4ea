import type { Clock } from '../clock/Clock.js';
import { assertClock } from '../clock/assertClock.js';
import { systemClock } from '../clock/SystemClock.js';
import type { Operation } from '../operation/Operation.js';
import { assertOperation } from '../operation/assertOperation.js';
import { assertOperationString } from '../operation/assertOperationString.js';
import { operationIdOf } from '../operation/operationIdOf.js';
import { operationKeyOf } from '../operation/operationKeyOf.js';
import { withDefaults } from '../options/withDefaults.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import type { BufferEntry } from './BufferEntry.js';
import type { DeadLetter } from './DeadLetter.js';
import type { DeadLetterBuffer, DeadLetterFailure, RequeueOptions } from './DeadLetterBuffer.js';
import type { FailedAttempt, KeyedOperationBuffer } from './KeyedOperationBuffer.js';

/** An entry with the time it was first added, kept for its dead letter. */
interface StoredEntry extends BufferEntry {
  readonly addedAt: number;
}

/** Options of {@link InMemoryKeyedOperationBuffer}. */
export interface InMemoryKeyedOperationBufferOptions {
  /** The source of time for the `addedAt` of dead letters. @default systemClock */
  readonly clock?: Clock | undefined;
}

const DEFAULTS = Object.freeze({
  clock: systemClock,
} satisfies InMemoryKeyedOperationBufferOptions);

/**
 * A buffer in memory that keeps order per key, retry progress and dead letters, like
 * `SqliteOperationBuffer` without the file: its contents are lost with the process. An
 * operation's key is its `key` property (as named operations have); operations without one
 * share one order.
 *
 * NOTE: removing an entry shifts the array of its key, so it costs time in proportion to the
 * key's length. Keep very long queues in a durable buffer.
 *
 * @example
 * const runner = new BufferedOperationRunner(inner, new InMemoryKeyedOperationBuffer(), { deadLetters: true });
 */
export class InMemoryKeyedOperationBuffer implements KeyedOperationBuffer, DeadLetterBuffer {
  /** The entries of each key, oldest first. */
  readonly #lanes = new Map<string | undefined, StoredEntry[]>();
  readonly #deadLetters: DeadLetter[] = [];
  readonly #clock: Clock;
  #size = 0;
  #nextSequence = 1;
  #lowestSequence = 1;

  constructor(options: InMemoryKeyedOperationBufferOptions = {}) {
    assertOptionsObject('InMemoryKeyedOperationBuffer', 'options', options);
    const { clock } = withDefaults(DEFAULTS, options);
    assertClock('InMemoryKeyedOperationBuffer', 'clock', clock);
    this.#clock = clock;
  }

  add(operation: Operation): void {
    assertOperation('InMemoryKeyedOperationBuffer.add', 'operation', operation);
    this.#append(this.#newEntry(operation, this.#nextSequence++, this.#clock.now()));
  }

  current(): Operation | undefined {
    return this.#oldestHead()?.operation;
  }

  pop(): Operation | undefined {
    const head = this.#oldestHead();
    if (head !== undefined) {
      this.remove(head);
    }
    return head?.operation;
  }

  size(): number {
    return this.#size;
  }

  heads(): readonly BufferEntry[] {
    const heads: BufferEntry[] = [];
    for (const lane of this.#lanes.values()) {
      heads.push(lane[0] as StoredEntry);
    }
    return heads.sort((a, b) => a.sequence - b.sequence);
  }

  remove(entry: BufferEntry): boolean {
    const lane = this.#lanes.get(entry.key);
    const index = lane?.findIndex((candidate) => candidate.sequence === entry.sequence) ?? -1;
    if (lane === undefined || index < 0) {
      return false;
    }
    lane.splice(index, 1);
    if (lane.length === 0) {
      this.#lanes.delete(entry.key);
    }
    this.#size--;
    return true;
  }

  recordFailure(entry: BufferEntry, failure: FailedAttempt): void {
    const lane = this.#lanes.get(entry.key);
    const index = lane?.findIndex((candidate) => candidate.sequence === entry.sequence) ?? -1;
    if (lane !== undefined && index >= 0) {
      const stored = lane[index] as StoredEntry;
      lane[index] = { ...stored, attempts: failure.attempts, nextAttemptAt: failure.nextAttemptAt };
    }
  }

  deadLetter(entry: BufferEntry, failure: DeadLetterFailure): void {
    const stored = this.#find(entry);
    if (stored === undefined || !this.remove(entry)) {
      return;
    }
    this.#deadLetters.push({
      operation: entry.operation,
      operationId: operationIdOf(entry.operation),
      key: entry.key,
      attempts: failure.attempts,
      error: failure.error,
      addedAt: stored.addedAt,
      deadLetteredAt: failure.failedAt,
    });
  }

  deadLetters(): readonly DeadLetter[] {
    return [...this.#deadLetters];
  }

  requeue(operationId: string, options: RequeueOptions = {}): boolean {
    assertOperationString('InMemoryKeyedOperationBuffer.requeue', 'operationId', operationId);
    const letter = this.#takeDeadLetter(operationId);
    if (letter === undefined) {
      return false;
    }
    if (options.position === 'head') {
      this.#prepend(this.#newEntry(letter.operation, --this.#lowestSequence, letter.addedAt));
    } else {
      this.#append(this.#newEntry(letter.operation, this.#nextSequence++, letter.addedAt));
    }
    return true;
  }

  drop(operationId: string): boolean {
    assertOperationString('InMemoryKeyedOperationBuffer.drop', 'operationId', operationId);
    return this.#takeDeadLetter(operationId) !== undefined;
  }

  #newEntry(operation: Operation, sequence: number, addedAt: number): StoredEntry {
    const key = operationKeyOf(operation);
    return { operation, key, attempts: 0, nextAttemptAt: 0, sequence, addedAt };
  }

  #find(entry: BufferEntry): StoredEntry | undefined {
    return this.#lanes.get(entry.key)?.find((candidate) => candidate.sequence === entry.sequence);
  }

  #append(entry: StoredEntry): void {
    const lane = this.#lanes.get(entry.key);
    if (lane === undefined) {
      this.#lanes.set(entry.key, [entry]);
    } else {
      lane.push(entry);
    }
    this.#size++;
  }

  #prepend(entry: StoredEntry): void {
    this.#lanes.set(entry.key, [entry, ...(this.#lanes.get(entry.key) ?? [])]);
    this.#size++;
  }

  #oldestHead(): BufferEntry | undefined {
    let oldest: BufferEntry | undefined;
    for (const lane of this.#lanes.values()) {
      const head = lane[0] as BufferEntry;
      if (oldest === undefined || head.sequence < oldest.sequence) {
        oldest = head;
      }
    }
    return oldest;
  }

  #takeDeadLetter(operationId: string): DeadLetter | undefined {
    const index = this.#deadLetters.findIndex((letter) => letter.operationId === operationId);
    return index < 0 ? undefined : this.#deadLetters.splice(index, 1)[0];
  }
}
