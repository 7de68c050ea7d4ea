/** A command-line argument that is missing or invalid; the tool prints it and exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
