import { BufferFileError, type BufferFileErrorReason } from '../../errors/BufferFileError.js';

/** SQLite result codes (the primary code, before any `_` suffix) by the reason they give. */
const REASONS: Readonly<Record<string, BufferFileErrorReason>> = {
  SQLITE_CORRUPT: 'corrupt',
  SQLITE_NOTADB: 'corrupt',
  SQLITE_BUSY: 'locked',
  SQLITE_LOCKED: 'locked',
  SQLITE_READONLY: 'read-only',
  SQLITE_PERM: 'read-only',
  SQLITE_CANTOPEN: 'cannot-open',
  SQLITE_AUTH: 'cannot-open',
  SQLITE_FULL: 'full',
  SQLITE_IOERR: 'io',
};

/** File system error codes from `node:fs`, by the reason they give. */
const SYSTEM_REASONS: Readonly<Record<string, BufferFileErrorReason>> = {
  ENOENT: 'cannot-open',
  ENOTDIR: 'cannot-open',
  EISDIR: 'cannot-open',
  EACCES: 'cannot-open',
  EPERM: 'read-only',
  EROFS: 'read-only',
  ENOSPC: 'full',
  EIO: 'io',
};

/**
 * Wraps a database or file system error in a {@link BufferFileError} naming the file; returns
 * any other value unchanged, so that a bug is not disguised as a file problem.
 */
export function toBufferFileError(component: string, path: string, error: unknown): unknown {
  if (error instanceof BufferFileError) {
    return error;
  }
  const reason = reasonOf(error);
  return reason === undefined
    ? error
    : new BufferFileError({ component, path, reason, cause: error });
}

function reasonOf(error: unknown): BufferFileErrorReason | undefined {
  if (!(error instanceof Error)) {
    return undefined;
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') {
    return undefined;
  }
  if (error.name === 'NewerSchemaError') {
    return 'newer-schema';
  }
  if (error.name === 'SqliteError') {
    return REASONS[/^SQLITE_[A-Z]+/.exec(code)?.[0] ?? ''] ?? 'failed';
  }
  return SYSTEM_REASONS[code];
}
