import type { Operation } from '../operation/Operation.js';
import type { OperationRunner } from './OperationRunner.js';
import type { RunOptions } from './RunOptions.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';

/**
 * An inner runner whose `run` returns a minimal thenable rather than a native promise: its
 * `then` accepts callbacks and returns nothing, so it cannot be chained. The runners around it
 * must adopt it as a promise.
 */
export class ThenableRunner implements OperationRunner {
  readonly #inner = new SimpleOperationRunner();

  run<T>(operation: Operation<T>, options?: RunOptions): Promise<T> {
    const settled = this.#inner.run(operation, options);
    const thenable = {
      then(onFulfilled: (value: T) => void, onRejected: (reason: unknown) => void): void {
        settled.then(onFulfilled, onRejected);
      },
    };
    return thenable as unknown as Promise<T>;
  }
}
