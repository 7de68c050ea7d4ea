import { OperationTimeoutError } from '../../errors/OperationTimeoutError.js';
import { ChildExitError } from './ChildExitError.js';
import type { RunCommandOptions } from './RunCommandOptions.js';

/**
 * Tells whether a failed attempt is retried. A timed-out attempt is. A non-zero exit code is
 * when `--retry-on-exit-codes` lists it or, without that option, unless
 * `--no-retry-exit-codes` lists it. A process killed by a signal that the tool did not send is
 * retried only without `--retry-on-exit-codes`. A command that cannot start never is.
 */
export function shouldRetryFailure(
  options: Pick<RunCommandOptions, 'retryOnExitCodes' | 'noRetryExitCodes'>,
  error: unknown,
): boolean {
  if (error instanceof OperationTimeoutError) {
    return true;
  }
  if (!(error instanceof ChildExitError)) {
    return false;
  }
  const { retryOnExitCodes, noRetryExitCodes } = options;
  if (error.exitCode === null) {
    return retryOnExitCodes === undefined;
  }
  if (retryOnExitCodes !== undefined) {
    return retryOnExitCodes.includes(error.exitCode);
  }
  return !noRetryExitCodes.includes(error.exitCode);
}
