import { closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { BufferFileError } from '../../errors/BufferFileError.js';
import { migrate, NewerSchemaError, readSchemaVersion, SCHEMA_VERSION } from './migrations.js';
import { SqliteStatements } from './SqliteStatements.js';
import { toBufferFileError } from './toBufferFileError.js';

/** An open buffer file and the statements prepared on it. */
export interface OpenedDatabase {
  readonly database: Database.Database;
  readonly statements: SqliteStatements;
}

/** Settings for opening an SQLite buffer file. */
export interface OpenSettings {
  readonly path: string;
  /** `full` syncs the file on every commit; `normal` only at checkpoints. */
  readonly durability: 'full' | 'normal';
  readonly busyTimeoutMs: number;
  readonly checkIntegrity: boolean;
  /** Whether to open an existing buffer file without writing to it. */
  readonly readOnly: boolean;
  readonly now: number;
}

const COMPONENT = 'SqliteOperationBuffer';

/**
 * Opens (and creates, readable and writable by its owner only) the buffer file in WAL mode,
 * brings its tables up to date and prepares the buffer's statements. With `readOnly`, it opens
 * an existing file for reading only and checks its tables instead, changing nothing. Throws a
 * `BufferFileError` when the file is corrupt, locked, read-only, cannot be opened or has tables
 * that do not match. Nothing here rewrites a damaged file: a failed check closes the connection
 * and leaves the file as it was.
 */
export function openBufferDatabase(settings: OpenSettings): OpenedDatabase {
  let database: Database.Database | undefined;
  try {
    if (!settings.readOnly) {
      createFileIfMissing(settings.path);
    }
    database = new Database(settings.path, {
      timeout: settings.busyTimeoutMs,
      readonly: settings.readOnly,
      fileMustExist: settings.readOnly,
    });
    checkReadable(database, settings);
    if (settings.readOnly) {
      assertBufferSchema(database, settings.path);
      return { database, statements: new SqliteStatements(database) };
    }
    return { database, statements: prepareForWriting(database, settings) };
  } catch (error) {
    database?.close();
    throw toBufferFileError(COMPONENT, settings.path, error);
  }
}

/** Switches the file to WAL mode, brings its tables up to date and prepares the statements. */
function prepareForWriting(database: Database.Database, settings: OpenSettings): SqliteStatements {
  // The switch to WAL rewrites the header of a database in rollback mode, such as another
  // program's, so it waits until the tables are checked there. A new file switches first:
  // processes opening it at once then wait on each other's migration instead of failing.
  const walFirst = !isRollbackDatabase(database);
  if (walFirst) {
    database.pragma('journal_mode = WAL');
  }
  database.pragma(`synchronous = ${settings.durability === 'full' ? 'FULL' : 'NORMAL'}`);
  migrate(database, settings.now);
  // Preparing checks that the tables match the statements.
  const statements = new SqliteStatements(database);
  if (!walFirst) {
    database.pragma('journal_mode = WAL');
  }
  return statements;
}

/**
 * Throws a `BufferFileError` (`not-a-buffer`) when the file has no schema version of this
 * library, and a {@link NewerSchemaError} when its version is newer than this code reads.
 */
function assertBufferSchema(database: Database.Database, path: string): void {
  const version = readSchemaVersion(database);
  if (version === 0) {
    const cause = new Error(
      'the file records no fault_tolerance_schema version, so it is not a fault-tolerance buffer',
    );
    throw new BufferFileError({ component: COMPONENT, path, reason: 'not-a-buffer', cause });
  }
  if (version > SCHEMA_VERSION) {
    throw new NewerSchemaError(version);
  }
}

/**
 * Creates an empty file with mode 0600, so that SQLite (and its WAL files) inherit it, or checks
 * that the existing file can be opened for writing. SQLite would otherwise open a read-only
 * file read-only without a word, and fail only at the first write.
 */
function createFileIfMissing(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
    return;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') {
      throw error;
    }
  }
  try {
    closeSync(openSync(path, 'r+'));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new BufferFileError({ component: COMPONENT, path, reason: 'read-only', cause: error });
    }
    throw error;
  }
}

/** Tells whether the file is a database with pages, in a journal mode other than WAL. */
function isRollbackDatabase(database: Database.Database): boolean {
  const pages = database.pragma('page_count', { simple: true }) as number;
  const mode = database.pragma('journal_mode', { simple: true }) as string;
  return pages > 0 && mode !== 'wal';
}

/**
 * Reads the file's header and, when asked, every page, so that a damaged file is reported when
 * the buffer opens rather than in the middle of a drain.
 */
function checkReadable(database: Database.Database, settings: OpenSettings): void {
  database.pragma('schema_version');
  if (!settings.checkIntegrity) {
    return;
  }
  const rows = database.pragma('quick_check') as { quick_check: string }[];
  const problems = rows.map((row) => row.quick_check).filter((result) => result !== 'ok');
  if (problems.length > 0) {
    throw new BufferFileError({
      component: COMPONENT,
      path: settings.path,
      reason: 'corrupt',
      cause: new Error(`integrity check failed: ${problems.slice(0, 3).join('; ')}`),
    });
  }
}
