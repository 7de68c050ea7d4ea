/**
 * The command could not be started: it was not found (exit status 127, as shells use), or it
 * could not be executed (126).
 */
export class CommandStartError extends Error {
  override readonly name = 'CommandStartError';
  readonly code = 'ERR_COMMAND_START';
  readonly command: string;
  /** The status the tool exits with: 127 when the command was not found, 126 otherwise. */
  readonly exitStatus: 126 | 127;

  constructor(command: string, cause: NodeJS.ErrnoException) {
    const notFound = cause.code === 'ENOENT';
    super(
      notFound
        ? `command not found: ${JSON.stringify(command)}. Check its name, or give its path; ` +
            'the PATH is searched only for names without a slash.'
        : `could not start ${JSON.stringify(command)} (${cause.code ?? cause.message}). ` +
            'Check that it is an executable file.',
      { cause },
    );
    this.command = command;
    this.exitStatus = notFound ? 127 : 126;
  }
}
