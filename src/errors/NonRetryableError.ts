import { FaultToleranceError } from './FaultToleranceError.js';

/**
 * Marks a failure that must not be retried, such as an HTTP 400 or 404: an operation throws
 * it, wrapping the original error, and a retry runner stops at once. The retry runner rejects
 * with this error itself, not with its `cause`, so that runners around it (another retry, a
 * buffer that moves poison operations aside) also see that the failure is final. Read the
 * original error from `cause`.
 *
 * @example
 * const response = await fetch(url, { signal });
 * if (response.status === 404) {
 *   throw new NonRetryableError(new Error(`${url} not found`));
 * }
 */
export class NonRetryableError extends FaultToleranceError {
  override readonly name = 'NonRetryableError';
  readonly code = 'ERR_NON_RETRYABLE';

  /**
   * @param cause The original failure.
   * @param message What failed; by default a generic message that points to `cause`.
   */
  constructor(cause: unknown, message?: string) {
    super(message ?? 'The operation failed and must not be retried. See `cause` for the failure.', {
      cause,
    });
  }
}
