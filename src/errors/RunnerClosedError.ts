import { FaultToleranceError } from './FaultToleranceError.js';

/**
 * Rejection of a call made after a runner's `close()`, and the `cause` of the rejection of a
 * call whose operation stayed in the buffer because the runner closed before reaching it.
 */
export class RunnerClosedError extends FaultToleranceError {
  override readonly name = 'RunnerClosedError';
  readonly code = 'ERR_RUNNER_CLOSED';

  /** @param component The runner and method, such as `BufferedOperationRunner.run`. */
  constructor(component: string) {
    super(
      `${component}: the runner is closed. Operations left in a durable buffer are replayed by ` +
        'the next runner opened on it.',
    );
  }
}
