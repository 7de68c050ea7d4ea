import type { Operation } from '../operation/Operation.js';
import type { RunOptions } from './RunOptions.js';

/**
 * Runs operations. Every runner has this one method, so runners decorate runners:
 * `new BufferedOperationRunner(new RetryOperationRunner(new SimpleOperationRunner()), buffer)`.
 */
export interface OperationRunner {
  /**
   * Runs `operation` and resolves with its result. Never throws synchronously: invalid input
   * and failures alike reject the returned promise.
   */
  run<T>(operation: Operation<T>, options?: RunOptions): Promise<T>;
}
