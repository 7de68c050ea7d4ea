import { OperationTimeoutError } from '../../errors/OperationTimeoutError.js';
import { ChildExitError, describeExit } from './ChildExitError.js';
import { CommandStartError } from './CommandStartError.js';

/**
 * Describes a failed attempt in a few words, such as `exit code 1`, `killed by SIGSEGV` or
 * `timed out after 500 ms and was stopped with SIGTERM`.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof OperationTimeoutError) {
    const cause: unknown = error.cause;
    const stoppedWith = cause instanceof ChildExitError ? cause.stoppedWith : undefined;
    const stop = stoppedWith === undefined ? '' : ` and was stopped with ${stoppedWith}`;
    return `timed out after ${error.timeoutMs} ms${stop}`;
  }
  if (error instanceof ChildExitError) {
    return describeExit(error);
  }
  if (error instanceof CommandStartError) {
    return error.message;
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
