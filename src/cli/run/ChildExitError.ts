/** The end of an attempt's process: an exit code, or the signal that killed it. */
export interface ChildExit {
  /** The exit code, or `null` when a signal ended the process. */
  readonly exitCode: number | null;
  /** The signal that ended the process, or `null` when it exited. */
  readonly signal: NodeJS.Signals | null;
  /** The last signal this tool sent to stop the process (timeout or interruption), if any. */
  readonly stoppedWith: NodeJS.Signals | undefined;
}

/** An attempt whose process exited with a non-zero code, was killed, or had to be stopped. */
export class ChildExitError extends Error implements ChildExit {
  override readonly name = 'ChildExitError';
  readonly code = 'ERR_CHILD_EXIT';
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stoppedWith: NodeJS.Signals | undefined;

  constructor(exit: ChildExit) {
    super(describeExit(exit));
    this.exitCode = exit.exitCode;
    this.signal = exit.signal;
    this.stoppedWith = exit.stoppedWith;
  }
}

/** Describes how the process ended, such as `exit code 1` or `killed by SIGSEGV`. */
export function describeExit(exit: ChildExit): string {
  return exit.signal === null
    ? `exit code ${exit.exitCode ?? 'unknown'}`
    : `killed by ${exit.signal}`;
}
