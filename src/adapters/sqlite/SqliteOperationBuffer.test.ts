import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/VirtualClock.js';
import { BufferClosedError } from '../../errors/BufferClosedError.js';
import { UnknownOperationError } from '../../errors/UnknownOperationError.js';
import { Callback } from '../../operation/Callback.js';
import type { NamedOperation } from '../../operation/NamedOperation.js';
import type { Operation } from '../../operation/Operation.js';
import { OperationRegistry } from '../../operation/OperationRegistry.js';
import { SimpleOperationRunner } from '../../runner/SimpleOperationRunner.js';
import { SqliteOperationBuffer } from './SqliteOperationBuffer.js';
import { echoRegistry, openBuffer, temporaryFolder } from './sqliteBuffer.testkit.js';

const registry = echoRegistry();

function echo(payload: unknown, key?: string): NamedOperation {
  return registry.operation('echo', payload, { key });
}

function payloadOf(operation: Operation): unknown {
  return (operation as { readonly payload?: unknown }).payload;
}

function payloadsOf(operations: readonly (NamedOperation | undefined)[]): unknown[] {
  return operations.map((operation) => operation?.payload);
}

async function popAll(buffer: SqliteOperationBuffer): Promise<NamedOperation[]> {
  const popped: NamedOperation[] = [];
  for (let operation = await buffer.pop(); operation; operation = await buffer.pop()) {
    popped.push(operation);
  }
  return popped;
}

/** Counts the frames of the WAL file, which are the pages written since the last checkpoint. */
function walFrames(path: string): number {
  const pageSize = 4096;
  return Math.floor(statSync(`${path}-wal`).size / (pageSize + 24));
}

describe('SqliteOperationBuffer', () => {
  it('keeps operations first in, first out', async () => {
    const buffer = openBuffer({ path: join(temporaryFolder(), 'b.db'), registry });
    for (const n of [1, 2, 3]) {
      await buffer.add(echo(n));
    }

    expect((await buffer.current())?.payload).toBe(1);
    expect(await buffer.size()).toBe(3);
    expect(payloadsOf(await popAll(buffer))).toEqual([1, 2, 3]);
    expect(await buffer.pop()).toBeUndefined();
    expect(await buffer.current()).toBeUndefined();
  });

  it('keeps operations across a reopen', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const first = new SqliteOperationBuffer({ path, registry });
    const added = [echo({ n: 1 }), echo({ n: 2 }, 'customer-1')];
    for (const operation of added) {
      await first.add(operation);
    }
    await first.close();

    const reopened = openBuffer({ path, registry });
    const popped = await popAll(reopened);

    expect(
      popped.map(({ id, idempotencyKey, key, name, payload }) => ({
        id,
        idempotencyKey,
        key,
        name,
        payload,
      })),
    ).toEqual(
      added.map(({ id, idempotencyKey, key, name, payload }) => ({
        id,
        idempotencyKey,
        key,
        name,
        payload,
      })),
    );
  });

  it('creates the file for its owner only', () => {
    const path = join(temporaryFolder(), 'b.db');

    openBuffer({ path, registry });

    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
  });

  it('opens the file in WAL mode', () => {
    const path = join(temporaryFolder(), 'b.db');
    openBuffer({ path, registry });

    const raw = new Database(path, { readonly: true });
    const mode = raw.pragma('journal_mode', { simple: true });
    raw.close();

    expect(mode).toBe('wal');
  });

  it('keeps named buffers of one file apart', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const emails = openBuffer({ path, registry, name: 'emails' });
    const invoices = openBuffer({ path, registry, name: 'invoices' });

    await emails.add(echo('email'));
    await invoices.add(echo('invoice 1'));
    await invoices.add(echo('invoice 2'));

    expect(await emails.size()).toBe(1);
    expect(payloadsOf(await popAll(invoices))).toEqual(['invoice 1', 'invoice 2']);
    expect(payloadsOf(await popAll(emails))).toEqual(['email']);
  });

  it('stores names, keys and ids of any content as given', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const odd = `'; DROP TABLE fault_tolerance_operations; -- "é中😀\u0000${'x'.repeat(10_240)}`;
    const oddRegistry = new OperationRegistry().register(odd, (payload) => payload);
    const writer = new SqliteOperationBuffer({ path, registry: oddRegistry, name: odd });
    const operation = oddRegistry.operation(
      odd,
      { text: odd, lone: '\ud800' },
      {
        id: odd,
        idempotencyKey: `${odd}!`,
        key: odd,
      },
    );
    await writer.add(operation);
    await writer.close();

    const reader = openBuffer({ path, registry: oddRegistry, name: odd });
    const [head] = await reader.heads();

    expect(head?.key).toBe(odd);
    expect(head?.operation).toMatchObject({
      name: odd,
      id: odd,
      idempotencyKey: `${odd}!`,
      key: odd,
      payload: { text: odd, lone: '\ud800' },
    });
  });

  it('rejects a callback with advice to register a named operation', async () => {
    const buffer = openBuffer({ path: join(temporaryFolder(), 'b.db'), registry });

    const added = buffer.add(new Callback(() => 1) as never);

    await expect(added).rejects.toThrow(TypeError);
    await expect(added).rejects.toThrow(/register a handler with `registry.register/);
    expect(await buffer.size()).toBe(0);
  });

  it('rejects a name its registry cannot replay', async () => {
    const other = new OperationRegistry().register('elsewhere', () => 1);
    const buffer = openBuffer({ path: join(temporaryFolder(), 'b.db'), registry });

    const added = buffer.add(other.operation('elsewhere', {}));

    await expect(added).rejects.toThrow(/registry has no handler for "elsewhere"/);
    expect(await buffer.size()).toBe(0);
  });

  it('replays an unknown name as an operation that rejects', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const writer = new SqliteOperationBuffer({ path, registry });
    await writer.add(echo(1));
    await writer.close();

    const reader = openBuffer({ path, registry: new OperationRegistry() });
    const head = await reader.current();

    await expect(new SimpleOperationRunner().run(head!)).rejects.toBeInstanceOf(
      UnknownOperationError,
    );
  });

  it('shares one commit among concurrent adds', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const buffer = openBuffer({ path, registry });
    await buffer.add(echo('first'));
    const before = walFrames(path);

    await Promise.all(Array.from({ length: 100 }, (_, n) => buffer.add(echo(n))));

    expect(walFrames(path) - before).toBeLessThan(20);
    expect(payloadsOf(await popAll(buffer))).toEqual([
      'first',
      ...Array.from({ length: 100 }, (_, n) => n),
    ]);
  });

  it('commits each add alone when they do not overlap', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const buffer = openBuffer({ path, registry });
    await buffer.add(echo('first'));
    const before = walFrames(path);

    for (let n = 0; n < 30; n++) {
      await buffer.add(echo(n));
    }

    expect(walFrames(path) - before).toBeGreaterThanOrEqual(30);
  });

  it('commits pending adds on close', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const writer = new SqliteOperationBuffer({ path, registry });
    const added = writer.add(echo('late'));
    await writer.close();
    await added;

    const reader = openBuffer({ path, registry });

    expect((await reader.current())?.payload).toBe('late');
  });

  it('rejects calls after close', async () => {
    const buffer = new SqliteOperationBuffer({
      path: join(temporaryFolder(), 'b.db'),
      registry,
    });
    await buffer.close();
    await buffer.close();

    await expect(buffer.add(echo(1))).rejects.toBeInstanceOf(BufferClosedError);
    await expect(buffer.pop()).rejects.toBeInstanceOf(BufferClosedError);
    await expect(buffer.size()).rejects.toThrow(/SqliteOperationBuffer.size: the buffer is closed/);
  });
});

describe('SqliteOperationBuffer keys', () => {
  it('lists the head of every key, oldest first', async () => {
    const buffer = openBuffer({ path: join(temporaryFolder(), 'b.db'), registry });
    await buffer.add(echo('b1', 'b'));
    await buffer.add(echo('none1'));
    await buffer.add(echo('a1', 'a'));
    await buffer.add(echo('b2', 'b'));
    await buffer.add(echo('none2'));

    const heads = await buffer.heads();

    expect(heads.map((entry) => payloadOf(entry.operation))).toEqual(['b1', 'none1', 'a1']);
    expect(heads.map((entry) => entry.key)).toEqual(['b', undefined, 'a']);
  });

  it('moves to the next of a key after a remove', async () => {
    const buffer = openBuffer({ path: join(temporaryFolder(), 'b.db'), registry });
    await buffer.add(echo('b1', 'b'));
    await buffer.add(echo('a1', 'a'));
    await buffer.add(echo('b2', 'b'));
    const [first] = await buffer.heads();

    expect(await buffer.remove(first!)).toBe(true);
    expect(await buffer.remove(first!)).toBe(false);
    expect((await buffer.heads()).map((entry) => payloadOf(entry.operation))).toEqual(['a1', 'b2']);
  });

  it('keeps retry progress across a reopen', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const writer = new SqliteOperationBuffer({ path, registry });
    await writer.add(echo('flaky', 'k'));
    const [entry] = await writer.heads();
    await writer.recordFailure(entry!, {
      attempts: 3,
      nextAttemptAt: 12_345,
      error: { name: 'TimeoutError', message: 'timed out' },
    });
    await writer.close();

    const [reopened] = await openBuffer({ path, registry }).heads();

    expect(reopened).toMatchObject({ attempts: 3, nextAttemptAt: 12_345, key: 'k' });
  });

  it('starts entries with no attempts', async () => {
    const buffer = openBuffer({ path: join(temporaryFolder(), 'b.db'), registry });
    await buffer.add(echo(1));

    const [entry] = await buffer.heads();

    expect(entry).toMatchObject({ attempts: 0, nextAttemptAt: 0 });
  });

  it('rejects an entry it did not return', async () => {
    const buffer = openBuffer({ path: join(temporaryFolder(), 'b.db'), registry });

    await expect(buffer.remove({} as never)).rejects.toThrow(/`entry` must be an entry/);
  });
});

describe('SqliteOperationBuffer dead letters', () => {
  const failure = {
    attempts: 5,
    error: { name: 'HttpError', message: 'HTTP 400' },
    failedAt: 1_000,
  };

  async function bufferWithDeadLetter(): Promise<SqliteOperationBuffer> {
    const clock = new VirtualClock({ startAt: 500 });
    const buffer = openBuffer({ path: join(temporaryFolder(), 'b.db'), registry, clock });
    await buffer.add(registry.operation('echo', 'poison', { id: 'poison', key: 'k' }));
    await buffer.add(registry.operation('echo', 'next', { id: 'next', key: 'k' }));
    const [head] = await buffer.heads();
    await buffer.deadLetter(head!, failure);
    return buffer;
  }

  it('moves an entry out of the buffer', async () => {
    const buffer = await bufferWithDeadLetter();

    expect((await buffer.heads()).map((entry) => payloadOf(entry.operation))).toEqual(['next']);
    expect(await buffer.size()).toBe(1);
  });

  it('lists dead letters with their last error', async () => {
    const buffer = await bufferWithDeadLetter();

    const [letter] = await buffer.deadLetters();

    expect(letter).toMatchObject({
      operationId: 'poison',
      key: 'k',
      attempts: 5,
      error: { name: 'HttpError', message: 'HTTP 400' },
      addedAt: 500,
      deadLetteredAt: 1_000,
    });
    expect(payloadOf(letter!.operation)).toBe('poison');
  });

  it('requeues at the tail with no attempts', async () => {
    const buffer = await bufferWithDeadLetter();

    expect(await buffer.requeue('poison')).toBe(true);

    const popped = await popAll(buffer);
    expect(payloadsOf(popped)).toEqual(['next', 'poison']);
    expect(await buffer.deadLetters()).toEqual([]);
  });

  it('requeues at the head of its key', async () => {
    const buffer = await bufferWithDeadLetter();

    await buffer.requeue('poison', { position: 'head' });

    const heads = await buffer.heads();
    expect(heads.map((entry) => payloadOf(entry.operation))).toEqual(['poison']);
    expect(heads[0]?.attempts).toBe(0);
    expect((await buffer.current())?.payload).toBe('poison');
  });

  it('drops a dead letter', async () => {
    const buffer = await bufferWithDeadLetter();

    expect(await buffer.drop('poison')).toBe(true);
    expect(await buffer.drop('poison')).toBe(false);
    expect(await buffer.deadLetters()).toEqual([]);
    expect(await buffer.size()).toBe(1);
  });

  it('answers false for an unknown id', async () => {
    const buffer = await bufferWithDeadLetter();

    expect(await buffer.requeue('missing')).toBe(false);
    expect(await buffer.drop('missing')).toBe(false);
  });

  it('rejects an unknown position', async () => {
    const buffer = await bufferWithDeadLetter();

    await expect(buffer.requeue('poison', { position: 'middle' as never })).rejects.toThrow(
      RangeError,
    );
  });

  it('keeps dead letters across a reopen', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const writer = new SqliteOperationBuffer({ path, registry });
    await writer.add(registry.operation('echo', 'poison', { id: 'poison' }));
    const [head] = await writer.heads();
    await writer.deadLetter(head!, failure);
    await writer.close();

    const letters = await openBuffer({ path, registry }).deadLetters();

    expect(letters.map((letter) => letter.operationId)).toEqual(['poison']);
  });
});
