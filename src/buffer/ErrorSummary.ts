/** The parts of an error that a buffer stores: never the operation's payload. */
export interface ErrorSummary {
  /**
   * The error's `name`, such as `TypeError`, or the type of a thrown value that is no Error, cut
   * to {@link MAX_ERROR_MESSAGE_LENGTH} characters.
   */
  readonly name: string;
  /** The error's `message`, cut to {@link MAX_ERROR_MESSAGE_LENGTH} characters. */
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
      return { name: textOf(error.name, 'Error'), message: textOf(error.message, '') };
    }
  } catch {
    // A Proxy or a getter that throws: summarize it by its type, like any other value.
  }
  return { name: typeof error, message: `A value of type ${typeof error} was thrown.` };
}

function textOf(value: unknown, fallback: string): string {
  return (typeof value === 'string' ? value : fallback).slice(0, MAX_ERROR_MESSAGE_LENGTH);
}
