import { NonRetryableError } from './NonRetryableError.js';
import { UnknownOperationError } from './UnknownOperationError.js';

/**
 * Tells whether `error` marks a failure that no later attempt can fix: a
 * {@link NonRetryableError} (also one from another copy of this library, by its `name`) or an
 * {@link UnknownOperationError}. Never throws, whatever the thrown value's getters do.
 */
export function isNonRetryable(error: unknown): boolean {
  try {
    return (
      error instanceof NonRetryableError ||
      error instanceof UnknownOperationError ||
      (error instanceof Error && error.name === 'NonRetryableError')
    );
  } catch {
    // A Proxy or a `name` getter that throws: such a value does not mark itself final.
    return false;
  }
}
