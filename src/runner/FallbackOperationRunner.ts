import { EventEmitter } from '../events/EventEmitter.js';
import type { Operation } from '../operation/Operation.js';
import { assertOperation } from '../operation/assertOperation.js';
import { operationIdOf } from '../operation/operationIdOf.js';
import { withDefaults } from '../options/withDefaults.js';
import { assertRequiredObject } from '../rateLimit/assertRequiredObject.js';
import { onAbort } from '../signal/onAbort.js';
import { assertFunction } from '../validation/assertFunction.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import { assertSignal } from '../waiter/assertSignal.js';
import type { FallbackOperationRunnerEvents } from './FallbackOperationRunnerEvents.js';
import type {
  FallbackContext,
  FallbackFunction,
  FallbackOperationRunnerOptions,
} from './FallbackOperationRunnerOptions.js';
import type { OperationRunner } from './OperationRunner.js';
import type { RunOptions } from './RunOptions.js';
import { assertRunner } from './assertRunner.js';

const COMPONENT = 'FallbackOperationRunner';

const DEFAULTS = Object.freeze({
  shouldHandle: (): boolean => true,
} satisfies Omit<FallbackOperationRunnerOptions, 'fallback'>);

/**
 * Resolves with a fallback result when the inner runner rejects with an error that
 * `shouldHandle` selects. Any other error passes through unchanged, and so does every error
 * once the caller's signal is aborted. A caller's abort while a fallback function runs
 * rejects at once with the signal's reason. A fallback function that throws, or returns a
 * rejected promise, rejects the call with that error; `run` never throws synchronously.
 *
 * @example
 * const runner = new FallbackOperationRunner(new SimpleOperationRunner(), {
 *   fallback: (error) => cachedPrices.get(),
 *   shouldHandle: (error) => error instanceof FaultToleranceError,
 * });
 */
export class FallbackOperationRunner implements OperationRunner {
  /** Typed events: `fallback`. */
  readonly events = new EventEmitter<FallbackOperationRunnerEvents>();
  readonly #runner: OperationRunner;
  readonly #fallback: unknown;
  readonly #shouldHandle: (error: unknown) => boolean;

  constructor(runner: OperationRunner, options: FallbackOperationRunnerOptions) {
    assertRunner(COMPONENT, 'runner', runner);
    assertRequiredObject(COMPONENT, 'options', options);
    if (!('fallback' in options)) {
      throw new TypeError(
        `${COMPONENT}: \`fallback\` is missing; give a value, or a function of the error that ` +
          'returns one, such as `fallback: () => []`.',
      );
    }
    const settings = withDefaults(DEFAULTS, options);
    assertFunction(COMPONENT, 'shouldHandle', settings.shouldHandle);
    this.#runner = runner;
    this.#fallback = settings.fallback;
    this.#shouldHandle = settings.shouldHandle;
  }

  /**
   * Runs `operation` through the inner runner. Resolves with its result, or with the fallback
   * result when it rejects with a handled error; rejects with any other error.
   */
  run<T>(operation: Operation<T>, options?: RunOptions): Promise<T> {
    try {
      assertOperation(`${COMPONENT}.run`, 'operation', operation);
      assertOptionsObject(`${COMPONENT}.run`, 'options', options);
      assertSignal(`${COMPONENT}.run`, 'signal', options?.signal);
    } catch (error) {
      return Promise.reject(error);
    }
    let running: Promise<T>;
    try {
      running = Promise.resolve(this.#runner.run(operation, options));
    } catch (error) {
      running = Promise.reject(error);
    }
    return running.then(undefined, (error: unknown) => this.#recover(error, operation, options));
  }

  /** Returns the fallback result for a handled error, or rethrows any other error. */
  #recover<T>(error: unknown, operation: Operation<T>, options: RunOptions | undefined): T {
    const signal = options?.signal;
    // Once the caller aborted, no result is wanted: the error, usually the signal's reason,
    // reaches the caller as it is.
    if (signal?.aborted === true || !this.#shouldHandle(error)) {
      throw error;
    }
    const operationId = operationIdOf(operation);
    this.events.emit('fallback', { error, operationId });
    if (typeof this.#fallback !== 'function') {
      return this.#fallback as T;
    }
    const context: FallbackContext = { signal, attempt: options?.attempt ?? 1, operationId };
    const result = (this.#fallback as FallbackFunction)(error, context);
    // A returned promise is adopted by the `then` that called this method.
    return (signal === undefined ? result : settleUnlessAborted(result, signal)) as T;
  }
}

/**
 * Returns a promise of `result` that rejects at once with the signal's reason when `signal`
 * aborts first, and removes its abort callback when `result` settles. A late outcome of `result` is
 * observed, so it never becomes an unhandled rejection.
 */
function settleUnlessAborted(result: unknown, signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const removeAbortCallback = onAbort(signal, () => reject(signal.reason));
    void Promise.resolve(result).then(resolve, reject).finally(removeAbortCallback);
    if (signal.aborted) {
      // The fallback function aborted the signal itself, before the callback was registered.
      reject(signal.reason);
    }
  });
}
