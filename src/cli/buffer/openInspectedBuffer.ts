import { statSync } from 'node:fs';
import type * as SqliteAdapter from '../../adapters/sqlite/index.js';
import type { SqliteOperationBuffer } from '../../adapters/sqlite/SqliteOperationBuffer.js';
import { OperationRegistry } from '../../operation/OperationRegistry.js';
import { BufferInspectionError } from './BufferInspectionError.js';

/**
 * Opens buffer `name` of an existing SQLite buffer file with an empty registry, because
 * inspecting, requeueing and dropping run no handler. The file is first opened read-only, so
 * that a file that is not a buffer is reported and never migrated. Without `readOnly`, it is
 * then opened again for writing. Throws a {@link BufferInspectionError} when the path is missing
 * or not a file, before anything opens it, so that a mistyped path never creates a new file.
 * Throws a `BufferFileError` when the file is not a buffer, is damaged or locked, or cannot be
 * written without `readOnly`.
 */
export async function openInspectedBuffer(
  file: string,
  name: string,
  readOnly: boolean,
): Promise<SqliteOperationBuffer> {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (stats === undefined) {
    throw new BufferInspectionError(
      `buffer file not found: ${JSON.stringify(file)}. Check the --file path; the buffer ` +
        'commands never create a file.',
    );
  }
  if (!stats.isFile()) {
    throw new BufferInspectionError(
      `${JSON.stringify(file)} is not a file; --file expects the SQLite buffer file.`,
    );
  }
  const adapter = await loadSqliteAdapter();
  const registry = new OperationRegistry();
  const reader = new adapter.SqliteOperationBuffer({ path: file, registry, name, readOnly: true });
  if (readOnly) {
    return reader;
  }
  await reader.close();
  return new adapter.SqliteOperationBuffer({ path: file, registry, name });
}

/**
 * Loads the SQLite adapter on demand, because its driver, better-sqlite3, is an optional peer
 * dependency: the other commands work without it.
 */
async function loadSqliteAdapter(): Promise<typeof SqliteAdapter> {
  try {
    return await import('../../adapters/sqlite/index.js');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND') {
      throw error;
    }
    throw new BufferInspectionError(
      'The buffer commands need the better-sqlite3 package: install it with ' +
        '`npm install better-sqlite3@12`.',
      { cause: error },
    );
  }
}
