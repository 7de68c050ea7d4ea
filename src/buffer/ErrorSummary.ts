/** The parts of an error that a buffer stores: never the operation's payload. */
export interface ErrorSummary {
  /**
   * The error's `name`, such as `TypeError`, or the type of a thrown value that is no Error, cut
   * to {@link MAX_ERROR_MESSAGE_LENGTH} characters.
   */
  readonly name: string;
  /**
   * The error's `message`, followed by the name and message of its `cause` when that is an
   * Error, such as the original error inside a `NonRetryableError`. Cut to
   * {@link MAX_ERROR_MESSAGE_LENGTH} characters.
   */
  readonly message: string;
}

/** The maximum length of an error message that a buffer stores, in characters. */
export const MAX_ERROR_MESSAGE_LENGTH = 2_000;

/**
 * Summarizes a thrown value as a name and a message of bounded length. Never throws: an error
 * whose `name` or `message` is not a string, or whose getters throw, still gives a summary, so
 * that such a failure is recorded like any other.
 */
export function summarizeError(error: unknown): ErrorSummary {
  try {
    if (error instanceof Error) {
      return { name: textOf(error.name, 'Error'), message: textOf(describeWithCause(error), '') };
    }
  } catch {
    // A Proxy or a getter that throws: summarize it by its type, like any other value.
  }
  return { name: typeof error, message: `A value of type ${typeof error} was thrown.` };
}

function describeWithCause(error: Error): unknown {
  const cause: unknown = error.cause;
  if (!(cause instanceof Error) || typeof error.message !== 'string') {
    return error.message;
  }
  return `${error.message} Cause: ${cause.name}: ${cause.message}`;
}

function textOf(value: unknown, fallback: string): string {
  return (typeof value === 'string' ? value : fallback).slice(0, MAX_ERROR_MESSAGE_LENGTH);
}
