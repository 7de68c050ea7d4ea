import { EventEmitter } from '../events/EventEmitter.js';
import type { Operation } from '../operation/Operation.js';
import { assertOperation } from '../operation/assertOperation.js';
import { assertNumber } from '../validation/assertNumber.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import { assertSignal } from '../waiter/assertSignal.js';
import type { OperationRunner } from './OperationRunner.js';
import type { RetryOperationRunnerEvents } from './RetryOperationRunnerEvents.js';
import { RetryOperationRunnerExecution } from './RetryOperationRunnerExecution.js';
import type { RetryOperationRunnerOptions } from './RetryOperationRunnerOptions.js';
import {
  resolveRetrySettings,
  type RetryOperationRunnerSettings,
} from './RetryOperationRunnerSettings.js';
import type { RunOptions } from './RunOptions.js';

/**
 * Runs an operation through an inner runner and, when an attempt fails, waits the delay that
 * the backoff returns and tries again, up to `maxAttempts` attempts in all.
 *
 * The execution settles with the last attempt's outcome itself: it rejects with the last
 * error (the same object, with its stack and `cause` chain), or resolves with the last result
 * when it gave up on a result that `shouldRetryResult` rejected. A `NonRetryableError` stops
 * the retries at once and is the rejection, with the original error as its `cause`. An
 * `UnknownOperationError` (a named operation without a handler) stops them too. When the
 * caller's signal aborts, during an attempt or a wait, the execution rejects at once with the
 * signal's reason, cancels the wait and starts no further attempt.
 *
 * Attempts are numbered from `options.attempt` (1 by default), and each attempt passes its
 * number to the inner runner as `attempt`.
 *
 * @example
 * const runner = new RetryOperationRunner(new SimpleOperationRunner(), {
 *   maxAttempts: 5,
 *   backoff: new JitterBackoff(new ExponentialBackoff({ initialDelayMs: 200 })),
 * });
 * const user = await runner.run(new Callback(({ signal }) => api.getUser(id, { signal })));
 */
export class RetryOperationRunner implements OperationRunner {
  /** Typed events: `attempt`, `failure`, `retry`, `success` and `giveUp`. */
  readonly events = new EventEmitter<RetryOperationRunnerEvents>();
  readonly #settings: RetryOperationRunnerSettings;

  constructor(runner: OperationRunner, options: RetryOperationRunnerOptions = {}) {
    this.#settings = resolveRetrySettings(runner, options);
    if (options.onRetry !== undefined) {
      this.events.on('retry', options.onRetry);
    }
    if (options.onGiveUp !== undefined) {
      this.events.on('giveUp', options.onGiveUp);
    }
  }

  run<T>(operation: Operation<T>, options?: RunOptions): Promise<T> {
    try {
      assertOperation('RetryOperationRunner.run', 'operation', operation);
      assertRunOptions(options);
      if (options?.signal?.aborted === true) {
        return Promise.reject(options.signal.reason);
      }
      if (options?.signal !== undefined || !this.#isFastPath()) {
        return this.#execute(operation, options, this.#settings.clock.now()).start();
      }
    } catch (error) {
      return Promise.reject(error);
    }
    // The common case has no signal, no result predicate and no `attempt` or `success`
    // listener. Its first attempt runs without an execution object, which is only created if
    // the attempt fails, and without reading the clock unless something measures from the
    // start of the execution.
    const startedAt = this.#needsStartTime() ? this.#settings.clock.now() : undefined;
    let firstAttempt: Promise<T>;
    try {
      // A native promise passes through `Promise.resolve` unchanged.
      firstAttempt = Promise.resolve(this.#settings.runner.run(operation, options));
    } catch (error) {
      return this.#execute(operation, options, startedAt).continueAfter(error);
    }
    return firstAttempt.then(undefined, (error: unknown) =>
      this.#execute(operation, options, startedAt).continueAfter(error),
    );
  }

  #needsStartTime(): boolean {
    return (
      this.#settings.measuresFromStart ||
      this.events.has('failure') ||
      this.events.has('retry') ||
      this.events.has('giveUp')
    );
  }

  #isFastPath(): boolean {
    return (
      this.#settings.shouldRetryResult === undefined &&
      !this.events.has('attempt') &&
      !this.events.has('success')
    );
  }

  #execute<T>(
    operation: Operation<T>,
    options: RunOptions | undefined,
    startedAt: number | undefined,
  ): RetryOperationRunnerExecution<T> {
    return new RetryOperationRunnerExecution(
      this.#settings,
      this.events,
      operation,
      options,
      startedAt,
    );
  }
}

function assertRunOptions(options: RunOptions | undefined): void {
  if (options === undefined) {
    return;
  }
  assertOptionsObject('RetryOperationRunner.run', 'options', options);
  assertSignal('RetryOperationRunner.run', 'signal', options.signal);
  if (options.attempt !== undefined) {
    assertNumber('RetryOperationRunner.run', 'attempt', options.attempt, {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
      integer: true,
    });
  }
}
