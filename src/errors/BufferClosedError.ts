import { FaultToleranceError } from './FaultToleranceError.js';

/** Rejection of a call on a buffer after its `close()` was called. */
export class BufferClosedError extends FaultToleranceError {
  override readonly name = 'BufferClosedError';
  readonly code = 'ERR_BUFFER_CLOSED';

  /** @param component The buffer and method called, such as `SqliteOperationBuffer.add`. */
  constructor(component: string) {
    super(`${component}: the buffer is closed. Open a new buffer on the same file to go on.`);
  }
}
