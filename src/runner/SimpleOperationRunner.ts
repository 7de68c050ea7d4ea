import type { Operation } from '../operation/Operation.js';
import type { OperationContext } from '../operation/OperationContext.js';
import { assertOperation } from '../operation/assertOperation.js';
import { assertNumber } from '../validation/assertNumber.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import { assertSignal } from '../waiter/assertSignal.js';
import type { OperationRunner } from './OperationRunner.js';
import type { RunOptions } from './RunOptions.js';

const NEVER_ABORTED = new AbortController().signal;
const FIRST_ATTEMPT: OperationContext = Object.freeze({ signal: NEVER_ABORTED, attempt: 1 });

/**
 * Runs an operation once, in the caller's turn of the event loop. A synchronous throw becomes
 * a rejected promise, and an aborted signal rejects with its reason before the operation
 * starts.
 */
export class SimpleOperationRunner implements OperationRunner {
  run<T>(operation: Operation<T>, options?: RunOptions): Promise<T> {
    try {
      assertOperation('SimpleOperationRunner.run', 'operation', operation);
      const context = createContext(options);
      if (context.signal.aborted) {
        return Promise.reject(context.signal.reason);
      }
      return Promise.resolve(operation.execute(context));
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

function createContext(options: RunOptions | undefined): OperationContext {
  assertOptionsObject('SimpleOperationRunner.run', 'options', options);
  if (options === undefined || (options.signal === undefined && options.attempt === undefined)) {
    return FIRST_ATTEMPT;
  }
  assertSignal('SimpleOperationRunner.run', 'signal', options.signal);
  const attempt = options.attempt ?? 1;
  assertNumber('SimpleOperationRunner.run', 'attempt', attempt, {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    integer: true,
  });
  return { signal: options.signal ?? NEVER_ABORTED, attempt };
}
