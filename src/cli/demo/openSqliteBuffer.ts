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
  let adapter: typeof SqliteAdapter;
  try {
    adapter = await import('../../adapters/sqlite/index.js');
  } catch (error) {
    throw new Error(
      'The SQLite buffer needs the better-sqlite3 package: install it with ' +
        '`npm install better-sqlite3@12`, or run the demo with --in-memory.',
      { cause: error },
    );
  }
  // A short lease lets a restarted process take over soon after a crashed one.
  return new adapter.SqliteOperationBuffer({ path, registry, name: 'demo', leaseTtlMs: 1_000 });
}
