import { FaultToleranceError } from './FaultToleranceError.js';

/**
 * The problem with a buffer file. `corrupt`: damaged, truncated or not a database. `locked`:
 * another connection held a lock past the busy timeout. `read-only`. `cannot-open`: a missing
 * folder or no permission. `full`: no space left. `io`: a read or write failed.
 * `newer-schema`: written by a newer version of this library. `not-a-buffer`: a database
 * without this library's tables, checked when a buffer opens read-only. `failed`: any other
 * database error.
 */
export type BufferFileErrorReason =
  | 'corrupt'
  | 'locked'
  | 'read-only'
  | 'cannot-open'
  | 'full'
  | 'io'
  | 'newer-schema'
  | 'not-a-buffer'
  | 'failed';

/** Data carried by a {@link BufferFileError}. */
export interface BufferFileErrorDetails {
  /** The buffer and method that failed, such as `SqliteOperationBuffer.add`. */
  readonly component: string;
  /** The path of the buffer file. */
  readonly path: string;
  readonly reason: BufferFileErrorReason;
  /** The database driver's error. */
  readonly cause: unknown;
}

const ADVICE: Record<BufferFileErrorReason, string> = {
  corrupt:
    'The file is left as it is: restore it from a backup, or move it aside to start an empty buffer.',
  locked: 'Another connection holds a lock on it; retry later or raise `busyTimeoutMs`.',
  'read-only': 'Make the file and its folder writable by this process.',
  'cannot-open': 'Check that the folder exists and that this process may create files in it.',
  full: 'Free space on the disk; the operations already stored are kept.',
  io: 'Check the disk; the file is left as it is.',
  'newer-schema': 'Upgrade this library to the version that wrote the file.',
  'not-a-buffer': 'Check the path; the file is left as it is.',
  failed: 'See `cause` for the database error.',
};

/**
 * Rejection when a durable buffer's file cannot be used. The library never deletes, truncates
 * or rewrites the file to recover from it: `path` names the file and `cause` contains the driver's
 * error, so that a person can decide what to do.
 */
export class BufferFileError extends FaultToleranceError {
  override readonly name = 'BufferFileError';
  readonly code = 'ERR_BUFFER_FILE';
  readonly path: string;
  readonly reason: BufferFileErrorReason;

  constructor(details: BufferFileErrorDetails) {
    const causeMessage = details.cause instanceof Error ? details.cause.message : 'unknown error';
    super(
      `${details.component}: the buffer file ${JSON.stringify(details.path)} is unusable ` +
        `(${details.reason}: ${causeMessage}). ${ADVICE[details.reason]}`,
      { cause: details.cause },
    );
    this.path = details.path;
    this.reason = details.reason;
  }
}
