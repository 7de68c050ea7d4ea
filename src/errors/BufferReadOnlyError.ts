import { FaultToleranceError } from './FaultToleranceError.js';

/**
 * Rejection of a call that would change a buffer opened with `readOnly: true`. Nothing was
 * written: the buffer and its file are as they were.
 */
export class BufferReadOnlyError extends FaultToleranceError {
  override readonly name = 'BufferReadOnlyError';
  readonly code = 'ERR_BUFFER_READ_ONLY';

  /** @param component The buffer and method called, such as `SqliteOperationBuffer.add`. */
  constructor(component: string) {
    super(
      `${component}: the buffer was opened read-only (\`readOnly: true\`), so it cannot be ` +
        'changed. Open it without `readOnly` to add, remove or requeue operations.',
    );
  }
}
