import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { BufferFileError } from '../../errors/BufferFileError.js';
import { SqliteOperationBuffer } from './SqliteOperationBuffer.js';
import { echoRegistry, temporaryFolder } from './sqliteBuffer.testkit.js';

const registry = echoRegistry();

/** Writes a closed buffer file of several hundred kilobytes. */
async function filledBufferFile(): Promise<string> {
  const path = join(temporaryFolder(), 'b.db');
  const buffer = new SqliteOperationBuffer({ path, registry });
  await Promise.all(
    Array.from({ length: 2_000 }, (_, n) =>
      buffer.add(registry.operation('echo', { n, text: 'x'.repeat(200) })),
    ),
  );
  await buffer.close();
  return path;
}

/** Opens `path`, expecting a `BufferFileError`, and checks the file is byte for byte the same. */
function openRejected(path: string, options: { busyTimeoutMs?: number } = {}): BufferFileError {
  const before = readFileSync(path);
  let rejection: unknown;
  try {
    void new SqliteOperationBuffer({ path, registry, ...options }).close();
  } catch (error) {
    rejection = error;
  }
  expect(readFileSync(path).equals(before)).toBe(true);
  expect(rejection).toBeInstanceOf(BufferFileError);
  const error = rejection as BufferFileError;
  expect(error.path).toBe(path);
  expect(error.message).toContain(JSON.stringify(path));
  expect(error.cause).toBeInstanceOf(Error);
  return error;
}

/** Makes `path` unwritable: immutable for root, which ignores permission bits, else 0444. */
function makeReadOnly(path: string): boolean {
  if (process.getuid?.() !== 0) {
    chmodSync(path, 0o444);
    return true;
  }
  try {
    execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
  } catch {
    return false;
  }
  onTestFinished(() => {
    execFileSync('chattr', ['-i', path]);
  });
  return true;
}

describe('SqliteOperationBuffer files', () => {
  it('reports a truncated file', async () => {
    const path = await filledBufferFile();
    truncateSync(path, Math.floor(statSync(path).size / 2));

    expect(openRejected(path).reason).toBe('corrupt');
  });

  it('reports a file cut inside its header', async () => {
    const path = await filledBufferFile();
    truncateSync(path, 50);

    expect(openRejected(path).reason).toBe('corrupt');
  });

  it('reports damaged pages', async () => {
    const path = await filledBufferFile();
    const descriptor = openSync(path, 'r+');
    writeSync(descriptor, Buffer.alloc(3_000, 0x5a), 0, 3_000, 20_000);
    closeSync(descriptor);

    const error = openRejected(path);

    expect(error.reason).toBe('corrupt');
    expect(error.message).toContain('integrity check failed');
  });

  it('reports a file that is not a database', () => {
    const path = join(temporaryFolder(), 'notes.txt');
    writeFileSync(path, 'meeting notes, not a database\n'.repeat(200));

    const error = openRejected(path);

    expect(error.reason).toBe('corrupt');
    expect(error.cause).toMatchObject({ code: 'SQLITE_NOTADB' });
  });

  it('reports a read-only file', async (context) => {
    const path = await filledBufferFile();
    if (!makeReadOnly(path)) {
      context.skip();
    }

    expect(openRejected(path).reason).toBe('read-only');
  });

  it('reports a file locked by another connection', async () => {
    const path = await filledBufferFile();
    const holder = new Database(path);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');

    const error = openRejected(path, { busyTimeoutMs: 0 });
    holder.exec('COMMIT');
    holder.close();

    expect(error.reason).toBe('locked');
    expect(error.cause).toMatchObject({ code: 'SQLITE_BUSY' });
  });

  it('reports a file of a newer schema', async () => {
    const path = await filledBufferFile();
    const raw = new Database(path);
    raw.prepare('INSERT INTO fault_tolerance_schema (version, applied_at) VALUES (99, 0)').run();
    raw.close();

    expect(openRejected(path).reason).toBe('newer-schema');
  });

  it('leaves a database whose tables clash unchanged', () => {
    const path = join(temporaryFolder(), 'app.db');
    // Another program's database, in the default rollback journal mode.
    const raw = new Database(path);
    raw.exec(
      "CREATE TABLE fault_tolerance_operations (note TEXT); INSERT INTO fault_tolerance_operations VALUES ('kept')",
    );
    raw.close();

    const error = openRejected(path);

    expect(error.reason).toBe('failed');
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('reports tables that do not match the schema version', () => {
    const path = join(temporaryFolder(), 'b.db');
    const raw = new Database(path);
    raw.exec(
      'CREATE TABLE fault_tolerance_schema (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL); ' +
        'INSERT INTO fault_tolerance_schema VALUES (1, 0)',
    );
    raw.close();

    const error = openRejected(path);

    expect(error.reason).toBe('failed');
    expect(error.cause).toMatchObject({ code: 'SQLITE_ERROR' });
  });

  it('reports a missing folder', () => {
    const path = join(temporaryFolder(), 'missing', 'b.db');

    expect(() => new SqliteOperationBuffer({ path, registry })).toThrow(BufferFileError);
    expect(existsSync(path)).toBe(false);
  });
});
