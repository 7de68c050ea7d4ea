import { OperationTimeoutError } from '../../errors/OperationTimeoutError.js';
import { ChildExitError } from './ChildExitError.js';
import { CommandStartError } from './CommandStartError.js';
import { InterruptedError } from './InterruptedError.js';

/** The tool's exit status after the run failed with `error`, and where it comes from. */
export interface FailureStatus {
  readonly exitStatus: number;
  /** Whether the status is the command's own exit code, which needs no explanation. */
  readonly fromCommand: boolean;
}

/**
 * Maps the run's final error to the tool's exit status. That is the command's exit code, or 1
 * when it was killed by a signal or timed out, or 126 or 127 when it could not start, or 128 +
 * the signal number when the tool was interrupted. Returns `undefined` for any other error,
 * which is a bug to report as such.
 */
export function exitStatusOf(error: unknown): FailureStatus | undefined {
  if (
    error instanceof ChildExitError &&
    error.exitCode !== null &&
    error.stoppedWith === undefined
  ) {
    return { exitStatus: error.exitCode, fromCommand: true };
  }
  if (error instanceof ChildExitError || error instanceof OperationTimeoutError) {
    return { exitStatus: 1, fromCommand: false };
  }
  if (error instanceof CommandStartError || error instanceof InterruptedError) {
    return { exitStatus: error.exitStatus, fromCommand: false };
  }
  return undefined;
}
