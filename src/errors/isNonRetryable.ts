import { NonRetryableError } from './NonRetryableError.js';
import { UnknownOperationError } from './UnknownOperationError.js';

/**
 * Tells whether `error` marks a failure that no later attempt can fix: a
 * {@link NonRetryableError} (also one from another copy of this library, by its `name`) or an
 * {@link UnknownOperationError}.
 */
export function isNonRetryable(error: unknown): boolean {
  return (
    error instanceof NonRetryableError ||
    error instanceof UnknownOperationError ||
    (error instanceof Error && error.name === 'NonRetryableError')
  );
}
