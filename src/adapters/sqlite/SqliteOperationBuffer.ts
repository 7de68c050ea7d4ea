import { randomUUID } from 'node:crypto';
import type { Database, Transaction } from 'better-sqlite3';
import type { BufferEntry } from '../../buffer/BufferEntry.js';
import type { DeadLetter } from '../../buffer/DeadLetter.js';
import type {
  DeadLetterBuffer,
  DeadLetterFailure,
  RequeueOptions,
} from '../../buffer/DeadLetterBuffer.js';
import type { FailedAttempt, KeyedOperationBuffer } from '../../buffer/KeyedOperationBuffer.js';
import type { LeasedOperationBuffer } from '../../buffer/LeasedOperationBuffer.js';
import { BufferClosedError } from '../../errors/BufferClosedError.js';
import { BufferReadOnlyError } from '../../errors/BufferReadOnlyError.js';
import { NamedOperation } from '../../operation/NamedOperation.js';
import { assertOperationString } from '../../operation/assertOperationString.js';
import { assertBufferEntry, assertFailure, assertRequeueOptions } from './assertBufferInput.js';
import { GroupCommit } from './GroupCommit.js';
import { openBufferDatabase } from './openBufferDatabase.js';
import type { PendingEntry } from './PendingEntry.js';
import { readPendingEntries } from './readPendingEntries.js';
import { deadLetterFromRow, entryFromRow, laneOf, operationFromRow } from './rowConversions.js';
import { SqliteLease } from './SqliteLease.js';
import {
  resolveSqliteOptions,
  type SqliteBufferSettings,
  type SqliteDurability,
  type SqliteOperationBufferOptions,
} from './SqliteOperationBufferOptions.js';
import type { LeaseCheck, OperationRow, SqliteStatements } from './SqliteStatements.js';
import { toBufferFileError } from './toBufferFileError.js';

/**
 * A durable operation buffer in an SQLite file (WAL mode). `add` resolves once the operation is
 * committed, synced to disk with the default `full` durability, so a process killed at any
 * moment loses no operation whose `add` had resolved. It stores named operations only, with
 * their attempt count and next-attempt time. It keeps order per key, moves poison operations to
 * a dead-letter table, and lets one process at a time drain each buffer through a lease. Many
 * buffers, by `name`, can share one file. Concurrent `add` calls in the same turn of the event
 * loop share one transaction. With `readOnly: true` it opens an existing buffer file to inspect
 * it and never writes to the file.
 *
 * NOTE: better-sqlite3 is synchronous, so each call blocks the event loop while SQLite reads or
 * writes, including the sync to disk of a `full` commit.
 *
 * @example
 * const buffer = new SqliteOperationBuffer({ path: './outbox.db', registry });
 * const runner = new BufferedOperationRunner(new SimpleOperationRunner(), buffer);
 * await runner.run(registry.operation('send-email', { to: 'ada@example.com' }));
 */
export class SqliteOperationBuffer
  implements KeyedOperationBuffer, DeadLetterBuffer, LeasedOperationBuffer
{
  /** The file path, as given. */
  readonly path: string;
  /** The buffer's name inside the file. */
  readonly name: string;
  readonly durability: SqliteDurability;
  /** Whether the buffer was opened with `readOnly: true`, so that only reading methods work. */
  readonly readOnly: boolean;
  readonly #settings: SqliteBufferSettings;
  readonly #database: Database;
  readonly #statements: SqliteStatements;
  readonly #lease: SqliteLease;
  readonly #commits: GroupCommit<NamedOperation>;
  readonly #immediate: Transaction<(work: () => unknown) => unknown>;
  /** This object's identity in the lease table. */
  readonly #owner = randomUUID();
  #closed = false;

  /** Opens the buffer; throws a `BufferFileError` when the file cannot be used. */
  constructor(options: SqliteOperationBufferOptions) {
    this.#settings = resolveSqliteOptions(options);
    this.path = this.#settings.path;
    this.name = this.#settings.name;
    this.durability = this.#settings.durability;
    this.readOnly = this.#settings.readOnly;
    const opened = openBufferDatabase({ ...this.#settings, now: this.#settings.clock.now() });
    this.#database = opened.database;
    this.#statements = opened.statements;
    this.#lease = new SqliteLease({
      statements: this.#statements,
      buffer: this.name,
      owner: this.#owner,
      ttlMs: this.#settings.leaseTtlMs,
      clock: this.#settings.clock,
    });
    this.#commits = new GroupCommit((operations) => this.#insert(operations));
    this.#immediate = this.#database.transaction((work: () => unknown) => work());
  }

  /**
   * Appends a named operation at the tail of its key and resolves once it is committed. Rejects
   * with a `TypeError` for an operation that cannot be stored, such as a `Callback`.
   */
  add(operation: NamedOperation): Promise<void> {
    try {
      this.#assertWritable('add');
      this.#assertStorable(operation);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#commits.add(operation);
  }

  /** Returns the oldest operation of the buffer, whatever its key, or `undefined` when empty. */
  current(): Promise<NamedOperation | undefined> {
    return this.#call('current', () => {
      const row = this.#statements.head.get(this.name);
      return row === undefined ? undefined : this.#restore(row);
    });
  }

  /** Removes the oldest operation of the buffer and returns it. */
  pop(): Promise<NamedOperation | undefined> {
    return this.#write('pop', () => {
      const row = this.#statements.popHead.get(this.#leaseCheck());
      if (row === undefined) {
        this.#lease.assertNotHeldElsewhere();
        return undefined;
      }
      return this.#restore(row);
    });
  }

  size(): Promise<number> {
    return this.#call('size', () => this.#statements.count.get(this.name)?.count ?? 0);
  }

  heads(): Promise<readonly BufferEntry[]> {
    return this.#call('heads', () =>
      this.#statements.heads
        .all({ buffer: this.name })
        .map((row) => entryFromRow(this.#settings.registry, row)),
    );
  }

  remove(entry: BufferEntry): Promise<boolean> {
    return this.#write('remove', () => {
      assertBufferEntry('SqliteOperationBuffer.remove', entry);
      const sequence = entry.sequence;
      const removed = this.#statements.remove.run({ ...this.#leaseCheck(), sequence }).changes > 0;
      if (!removed) {
        this.#lease.assertNotHeldElsewhere();
      }
      return removed;
    });
  }

  recordFailure(entry: BufferEntry, failure: FailedAttempt): Promise<void> {
    return this.#write('recordFailure', () => {
      assertBufferEntry('SqliteOperationBuffer.recordFailure', entry);
      assertFailure('SqliteOperationBuffer.recordFailure', failure.attempts, failure.error);
      const updated = this.#statements.recordFailure.run({
        ...this.#leaseCheck(),
        sequence: entry.sequence,
        attempts: failure.attempts,
        nextAttemptAt: failure.nextAttemptAt,
        errorName: failure.error.name,
        errorMessage: failure.error.message,
      });
      if (updated.changes === 0) {
        this.#lease.assertNotHeldElsewhere();
      }
    });
  }

  deadLetter(entry: BufferEntry, failure: DeadLetterFailure): Promise<void> {
    return this.#drainStep('deadLetter', () => {
      assertBufferEntry('SqliteOperationBuffer.deadLetter', entry);
      assertFailure('SqliteOperationBuffer.deadLetter', failure.attempts, failure.error);
      const { attempts, error, failedAt } = failure;
      const statements = this.#statements;
      statements.toDeadLetters.run({
        buffer: this.name,
        errorName: error.name,
        errorMessage: error.message,
        attempts,
        failedAt,
        sequence: entry.sequence,
      });
      statements.removeAny.run(this.name, entry.sequence);
    });
  }

  /**
   * Returns every operation waiting in the buffer, oldest first, with its attempt count, next
   * attempt time, time added and last error. It only reads: it runs no handler and needs none
   * in the registry, so a tool can inspect a buffer with an empty registry.
   */
  entries(): Promise<readonly PendingEntry[]> {
    return this.#call('entries', () =>
      readPendingEntries(this.#database, this.#settings.registry, this.name),
    );
  }

  deadLetters(): Promise<readonly DeadLetter[]> {
    return this.#call('deadLetters', () =>
      this.#statements.deadLetters
        .all(this.name)
        .map((row) => deadLetterFromRow(this.#settings.registry, row)),
    );
  }

  requeue(operationId: string, options: RequeueOptions = {}): Promise<boolean> {
    return this.#transaction('requeue', () => {
      assertOperationString('SqliteOperationBuffer.requeue', 'operationId', operationId);
      assertRequeueOptions('SqliteOperationBuffer.requeue', options);
      const statements = this.#statements;
      const letter = statements.oldestDeadLetter.get(this.name, operationId);
      if (letter === undefined) {
        return false;
      }
      // Head: below every sequence in the file, so it runs first in its key and in the buffer.
      const lowest = statements.lowestSequence.get()?.lowest ?? 1;
      const sequence = options.position === 'head' ? Math.min(lowest, 1) - 1 : null;
      statements.insertAt.run(
        sequence,
        this.name,
        letter.lane,
        letter.id,
        letter.name,
        letter.payload,
        letter.idempotency_key,
        letter.added_at,
      );
      statements.dropDeadLetter.run(letter.sequence);
      return true;
    });
  }

  drop(operationId: string): Promise<boolean> {
    return this.#transaction('drop', () => {
      assertOperationString('SqliteOperationBuffer.drop', 'operationId', operationId);
      const letter = this.#statements.oldestDeadLetter.get(this.name, operationId);
      return (
        letter !== undefined && this.#statements.dropDeadLetter.run(letter.sequence).changes > 0
      );
    });
  }

  acquireLease(): Promise<void> {
    return this.#transaction('acquireLease', () => this.#lease.acquire());
  }

  releaseLease(): Promise<void> {
    return this.#write('releaseLease', () => this.#lease.release());
  }

  /**
   * Commits the adds still waiting, gives the lease back and closes the file. Operations stay in
   * the file for the next buffer opened on it. Calling it again does nothing.
   */
  close(): Promise<void> {
    if (this.#closed) {
      return Promise.resolve();
    }
    this.#commits.flush();
    this.#closed = true;
    this.#lease.stop();
    try {
      if (!this.readOnly) {
        this.#lease.release();
      }
      this.#database.close();
    } catch (error) {
      return Promise.reject(toBufferFileError('SqliteOperationBuffer.close', this.path, error));
    }
    return Promise.resolve();
  }

  /** Inserts `operations` in one transaction; a single operation needs no explicit one. */
  #insert(operations: readonly NamedOperation[]): void {
    const insert = this.#statements.insert;
    const now = this.#settings.clock.now();
    const write = (): void => {
      for (const operation of operations) {
        insert.run(
          this.name,
          laneOf(operation.key),
          operation.id,
          operation.name,
          operation.payloadJson,
          operation.idempotencyKey,
          now,
        );
      }
    };
    try {
      if (operations.length === 1) {
        write();
      } else {
        this.#immediate.immediate(write);
      }
    } catch (error) {
      throw toBufferFileError('SqliteOperationBuffer.add', this.path, error);
    }
  }

  #leaseCheck(): LeaseCheck {
    return { buffer: this.name, owner: this.#owner, now: this.#settings.clock.now() };
  }

  #assertStorable(operation: unknown): asserts operation is NamedOperation {
    if (!(operation instanceof NamedOperation)) {
      throw new TypeError(
        'SqliteOperationBuffer.add: `operation` must be a named operation; a function cannot ' +
          'survive a restart, so register a handler with `registry.register(name, handler)` ' +
          'and add `registry.operation(name, payload)` instead.',
      );
    }
    if (!this.#settings.registry.has(operation.name)) {
      throw new TypeError(
        `SqliteOperationBuffer.add: the buffer's registry has no handler for ` +
          `${JSON.stringify(operation.name)}, so the operation could not be replayed; ` +
          'register the name in the registry given to the buffer.',
      );
    }
  }

  #restore(row: OperationRow): NamedOperation {
    return operationFromRow(this.#settings.registry, row);
  }

  #assertOpen(method: string): void {
    if (this.#closed) {
      throw new BufferClosedError(`SqliteOperationBuffer.${method}`);
    }
  }

  #assertWritable(method: string): void {
    this.#assertOpen(method);
    if (this.readOnly) {
      throw new BufferReadOnlyError(`SqliteOperationBuffer.${method}`);
    }
  }

  /** Runs `work` and returns its result as a promise, with file errors wrapped. */
  #call<T>(method: string, work: () => T): Promise<T> {
    try {
      this.#assertOpen(method);
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(toBufferFileError(`SqliteOperationBuffer.${method}`, this.path, error));
    }
  }

  /** Runs `work`, which writes to the file, unless the buffer was opened read-only. */
  #write<T>(method: string, work: () => T): Promise<T> {
    return this.#call(method, () => {
      this.#assertWritable(method);
      return work();
    });
  }

  /** Runs `work` in an immediate transaction, unless the buffer was opened read-only. */
  #transaction<T>(method: string, work: () => T): Promise<T> {
    return this.#write(method, () => this.#immediate.immediate(work) as T);
  }

  /** Runs a step that changes what a drain reads, unless another process has the lease. */
  #drainStep<T>(method: string, work: () => T): Promise<T> {
    return this.#transaction(method, () => {
      this.#lease.assertNotHeldElsewhere();
      return work();
    });
  }
}
