/** The parts of an error that a buffer stores: never the operation's payload. */
export interface ErrorSummary {
  /** The error's `name`, such as `TypeError`, or the type of a thrown value that is no Error. */
  readonly name: string;
  /** The error's `message`, cut to {@link MAX_ERROR_MESSAGE_LENGTH} characters. */
  readonly message: string;
}

/** The maximum length of an error message that a buffer stores, in characters. */
export const MAX_ERROR_MESSAGE_LENGTH = 2_000;

/** Summarizes a thrown value as a name and a message of bounded length. */
export function summarizeError(error: unknown): ErrorSummary {
  if (error instanceof Error) {
    return { name: error.name, message: error.message.slice(0, MAX_ERROR_MESSAGE_LENGTH) };
  }
  return { name: typeof error, message: `A value of type ${typeof error} was thrown.` };
}
