import { statSync } from 'node:fs';
import type * as SqliteAdapter from '../../adapters/sqlite/index.js';
import type { SqliteOperationBuffer } from '../../adapters/sqlite/SqliteOperationBuffer.js';
import { OperationRegistry } from '../../operation/OperationRegistry.js';
import { BufferInspectionError } from './BufferInspectionError.js';

/**
 * Opens buffer `name` of an existing SQLite buffer file, with an empty registry: inspecting,
 * requeueing and dropping run no handler. Throws a {@link BufferInspectionError} when the path
 * is missing or not a file, before anything opens it, so that a mistyped path never creates a
 * new file. Throws a `BufferFileError` when the file is damaged, locked or read-only.
 *
 * NOTE: opening brings the file's tables up to date, as the application would, so a valid
 * SQLite file of another program gets this library's tables.
 */
export async function openInspectedBuffer(
  file: string,
  name: string,
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
  return new adapter.SqliteOperationBuffer({ path: file, registry: new OperationRegistry(), name });
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
