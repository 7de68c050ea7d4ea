import type * as SqliteAdapter from '../../adapters/sqlite/index.js';
import type { SqliteOperationBuffer } from '../../adapters/sqlite/SqliteOperationBuffer.js';
import type { OperationRegistry } from '../../operation/OperationRegistry.js';

/**
 * Opens the SQLite buffer at `path`. The adapter is loaded on demand, because its driver,
 * better-sqlite3, is an optional peer dependency: without it the error names the package to install.
 */
export async function openSqliteBuffer(
  path: string,
  registry: OperationRegistry,
): Promise<SqliteOperationBuffer> {
  const adapter = await loadAdapter();
  // A short lease lets a restarted process take over soon after a crashed one.
  return new adapter.SqliteOperationBuffer({ path, registry, leaseTtlMs: 300 });
}

/** Returns the number of operations stored in the buffer file at `path`, opened read-only. */
export async function countStoredOperations(
  path: string,
  registry: OperationRegistry,
): Promise<number> {
  const adapter = await loadAdapter();
  const buffer = new adapter.SqliteOperationBuffer({ path, registry, readOnly: true });
  try {
    return await buffer.size();
  } finally {
    await buffer.close();
  }
}

async function loadAdapter(): Promise<typeof SqliteAdapter> {
  try {
    return await import('../../adapters/sqlite/index.js');
  } catch (error) {
    throw new Error(
      'The SQLite buffer needs the better-sqlite3 package: install it with ' +
        '`npm install better-sqlite3@12`, or run the demo with --in-memory.',
      { cause: error },
    );
  }
}
