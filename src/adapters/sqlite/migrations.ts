import type { Database } from 'better-sqlite3';

/** The schema version this library writes and reads. */
export const SCHEMA_VERSION = 1;

/** The SQL that moves a file from version `index` to version `index + 1`. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE fault_tolerance_operations (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    buffer TEXT NOT NULL,
    lane TEXT NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    payload TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    last_error_name TEXT,
    last_error_message TEXT,
    added_at INTEGER NOT NULL
  );
  CREATE INDEX fault_tolerance_operations_by_buffer
    ON fault_tolerance_operations (buffer, sequence);
  CREATE INDEX fault_tolerance_operations_by_lane
    ON fault_tolerance_operations (buffer, lane, sequence);
  CREATE TABLE fault_tolerance_dead_letters (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    buffer TEXT NOT NULL,
    lane TEXT NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    payload TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    error_name TEXT NOT NULL,
    error_message TEXT NOT NULL,
    added_at INTEGER NOT NULL,
    dead_lettered_at INTEGER NOT NULL
  );
  CREATE INDEX fault_tolerance_dead_letters_by_id
    ON fault_tolerance_dead_letters (buffer, id, sequence);
  CREATE TABLE fault_tolerance_leases (
    buffer TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );
  `,
];

/** Thrown when the file was written by a newer version of the library. */
export class NewerSchemaError extends Error {
  override readonly name = 'NewerSchemaError';
  readonly code = 'SQLITE_NEWER_SCHEMA';

  constructor(found: number) {
    super(`the file has schema version ${found}, newer than version ${SCHEMA_VERSION}`);
  }
}

/**
 * Brings the file's tables to {@link SCHEMA_VERSION} in one immediate transaction, so that two
 * processes opening a new file at once do not both create the tables. The version table lists
 * every applied migration with the time it ran. Leaves a file that is up to date unchanged.
 */
export function migrate(database: Database, now: number): void {
  const upgrade = database.transaction(() => {
    database.exec(
      'CREATE TABLE IF NOT EXISTS fault_tolerance_schema ' +
        '(version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)',
    );
    const row = database
      .prepare('SELECT MAX(version) AS version FROM fault_tolerance_schema')
      .get() as {
      version: number | null;
    };
    const found = row.version ?? 0;
    if (found > SCHEMA_VERSION) {
      throw new NewerSchemaError(found);
    }
    const record = database.prepare(
      'INSERT INTO fault_tolerance_schema (version, applied_at) VALUES (?, ?)',
    );
    for (let version = found; version < SCHEMA_VERSION; version++) {
      database.exec(MIGRATIONS[version] ?? '');
      record.run(version + 1, now);
    }
  });
  upgrade.immediate();
}

/**
 * Returns the file's schema version without writing: the highest version in the version table,
 * or 0 when the file has no such table or no version in it.
 */
export function readSchemaVersion(database: Database): number {
  const table = database
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'fault_tolerance_schema'")
    .get();
  if (table === undefined) {
    return 0;
  }
  const row = database
    .prepare('SELECT MAX(version) AS version FROM fault_tolerance_schema')
    .get() as { version: number | null };
  return row.version ?? 0;
}
