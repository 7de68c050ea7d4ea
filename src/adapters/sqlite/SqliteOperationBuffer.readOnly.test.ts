import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BufferFileError } from '../../errors/BufferFileError.js';
import { BufferReadOnlyError } from '../../errors/BufferReadOnlyError.js';
import { SqliteOperationBuffer } from './SqliteOperationBuffer.js';
import { echoRegistry, temporaryFolder, withUnwritableFile } from './sqliteBuffer.testkit.js';

const registry = echoRegistry();

/**
 * Writes a closed buffer file: `a1` and `a2` pending in key `a`, `b1` pending in key `b` after
 * one failed attempt, and `poison` in the dead letters.
 */
async function bufferFile(): Promise<string> {
  const path = join(temporaryFolder(), 'b.db');
  const buffer = new SqliteOperationBuffer({ path, registry });
  for (const [id, key] of [
    ['poison', 'p'],
    ['a1', 'a'],
    ['b1', 'b'],
    ['a2', 'a'],
  ] as const) {
    await buffer.add(registry.operation('echo', id, { id, key }));
  }
  const [poison, , b1] = await buffer.heads();
  const error = { name: 'HttpError', message: 'HTTP 503' };
  await buffer.deadLetter(poison!, { attempts: 3, error, failedAt: 2_000 });
  await buffer.recordFailure(b1!, { attempts: 1, nextAttemptAt: 5_000, error });
  await buffer.close();
  return path;
}

function openReadOnly(path: string): SqliteOperationBuffer {
  return new SqliteOperationBuffer({ path, registry, readOnly: true });
}

/** Opens `path` read-only, expecting a `BufferFileError` naming it, and returns the error. */
function openRejected(path: string): BufferFileError {
  let rejection: unknown;
  try {
    void openReadOnly(path).close();
  } catch (error) {
    rejection = error;
  }
  expect(rejection).toBeInstanceOf(BufferFileError);
  const error = rejection as BufferFileError;
  expect(error.path).toBe(path);
  expect(error.message).toContain(JSON.stringify(path));
  return error;
}

/** Returns the file's bytes and the sizes of its WAL and rollback journal (0 when missing). */
function snapshot(path: string): { bytes: Buffer; journals: number[] } {
  const journals = [`${path}-wal`, `${path}-journal`].map((file) =>
    existsSync(file) ? statSync(file).size : 0,
  );
  return { bytes: readFileSync(path), journals };
}

/** Reads everything a read-only buffer shows of the file. */
async function readAll(buffer: SqliteOperationBuffer): Promise<unknown> {
  return {
    entries: await buffer.entries(),
    deadLetters: await buffer.deadLetters(),
    heads: (await buffer.heads()).map((entry) => [entry.key, entry.sequence, entry.attempts]),
    current: (await buffer.current())?.id,
    size: await buffer.size(),
  };
}

describe('SqliteOperationBuffer read-only', () => {
  it('reads a buffer file without changing it', async () => {
    const path = await bufferFile();
    const before = snapshot(path);

    const buffer = openReadOnly(path);
    const [entries, deadLetters] = [await buffer.entries(), await buffer.deadLetters()];
    await buffer.close();

    expect(buffer.readOnly).toBe(true);
    expect(entries.map((entry) => entry.operationId)).toEqual(['a1', 'b1', 'a2']);
    expect(entries[1]).toMatchObject({ attempts: 1, nextAttemptAt: 5_000 });
    expect(deadLetters.map((letter) => letter.operationId)).toEqual(['poison']);
    expect(deadLetters[0]).toMatchObject({ attempts: 3, deadLetteredAt: 2_000 });
    expect(snapshot(path)).toEqual(before);
  });

  it('reads what a writable buffer reads', async () => {
    const path = await bufferFile();
    const writable = new SqliteOperationBuffer({ path, registry });
    const expected = await readAll(writable);
    await writable.close();

    const buffer = openReadOnly(path);
    const actual = await readAll(buffer);
    await buffer.close();

    expect(actual).toEqual(expected);
  });

  it('reads a file that cannot be written', async (context) => {
    const path = await bufferFile();

    const ran = await withUnwritableFile(path, async () => {
      const buffer = openReadOnly(path);
      const entries = await buffer.entries();
      await buffer.close();

      expect(entries.map((entry) => entry.operationId)).toEqual(['a1', 'b1', 'a2']);
    });

    if (!ran) {
      context.skip();
    }
  });

  it('leaves a foreign database unchanged', () => {
    const folder = temporaryFolder();
    const path = join(folder, 'app.db');
    // Another program's database, in the default rollback journal mode.
    const raw = new Database(path);
    raw.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('kept')");
    raw.close();
    const bytes = readFileSync(path);

    const error = openRejected(path);

    expect(error.reason).toBe('not-a-buffer');
    expect(error.message).toContain('not a fault-tolerance buffer');
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readdirSync(folder)).toEqual(['app.db']);
  });

  it('reports an empty file as not a buffer', () => {
    const path = join(temporaryFolder(), 'empty.db');
    writeFileSync(path, '');

    expect(openRejected(path).reason).toBe('not-a-buffer');
    expect(statSync(path).size).toBe(0);
  });

  it('reports a newer schema unchanged', async () => {
    const path = await bufferFile();
    const raw = new Database(path);
    raw.prepare('INSERT INTO fault_tolerance_schema (version, applied_at) VALUES (99, 0)').run();
    raw.close();
    const before = snapshot(path);

    const error = openRejected(path);

    expect(error.reason).toBe('newer-schema');
    expect(error.message).toContain('schema version 99');
    expect(snapshot(path)).toEqual(before);
  });

  it('never creates a missing file', () => {
    const path = join(temporaryFolder(), 'missing.db');

    expect(openRejected(path).reason).toBe('cannot-open');
    expect(existsSync(path)).toBe(false);
  });

  it('rejects every method that writes', async () => {
    const path = await bufferFile();
    const before = snapshot(path);
    const buffer = openReadOnly(path);
    const [entry] = await buffer.heads();
    const error = { name: 'HttpError', message: 'HTTP 503' };
    const writes: Record<string, () => Promise<unknown>> = {
      add: () => buffer.add(registry.operation('echo', 'new')),
      pop: () => buffer.pop(),
      remove: () => buffer.remove(entry!),
      recordFailure: () => buffer.recordFailure(entry!, { attempts: 1, nextAttemptAt: 0, error }),
      deadLetter: () => buffer.deadLetter(entry!, { attempts: 1, error, failedAt: 0 }),
      requeue: () => buffer.requeue('poison'),
      drop: () => buffer.drop('poison'),
      acquireLease: () => buffer.acquireLease(),
      releaseLease: () => buffer.releaseLease(),
    };

    for (const [method, write] of Object.entries(writes)) {
      const rejection = write();
      await expect(rejection, method).rejects.toBeInstanceOf(BufferReadOnlyError);
      await expect(rejection, method).rejects.toThrow(
        `SqliteOperationBuffer.${method}: the buffer was opened read-only`,
      );
    }
    expect(await buffer.size()).toBe(3);
    await buffer.close();
    expect(snapshot(path)).toEqual(before);
  });
});
