import { ExponentialBackoff } from '../backoff/ExponentialBackoff.js';
import { VirtualClock } from '../clock/VirtualClock.js';
import { Callback } from '../operation/Callback.js';
import type { OperationContext } from '../operation/OperationContext.js';
import { RetryOperationRunner } from './RetryOperationRunner.js';
import type { RetryOperationRunnerOptions } from './RetryOperationRunnerOptions.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';

/** One call of a recorded operation: the context it received and the virtual time it started. */
export interface RecordedAttempt {
  readonly context: OperationContext;
  readonly startedAt: number;
}

/**
 * Builds a retry runner on a new virtual clock, with an exponential backoff without jitter
 * (100, 200, 400, … ms) unless `options` replaces it.
 */
export function createRetryRunner(options: RetryOperationRunnerOptions = {}): {
  readonly clock: VirtualClock;
  readonly runner: RetryOperationRunner;
} {
  const clock = new VirtualClock();
  const runner = new RetryOperationRunner(new SimpleOperationRunner(), {
    clock,
    backoff: new ExponentialBackoff({ initialDelayMs: 100, factor: 2 }),
    ...options,
  });
  return { clock, runner };
}

/**
 * Builds an operation whose attempt `n` (counting from 1 in the order it is called) does what
 * `behaviour(n)` does: returns, throws or returns a promise. It records every call.
 */
export function recordingOperation<T>(
  clock: VirtualClock,
  behaviour: (call: number, context: OperationContext) => T | PromiseLike<T>,
): { readonly operation: Callback<T>; readonly attempts: RecordedAttempt[] } {
  const attempts: RecordedAttempt[] = [];
  const operation = new Callback((context) => {
    attempts.push({ context, startedAt: clock.now() });
    return behaviour(attempts.length, context);
  });
  return { operation, attempts };
}

/** The outcome of a settled promise and the virtual time at which it settled. */
export type Settlement =
  | { readonly status: 'fulfilled'; readonly value: unknown; readonly at: number }
  | { readonly status: 'rejected'; readonly reason: unknown; readonly at: number };

/** Records how and when `promise` settles, so that a test can check the time of settlement. */
export function settlementOf(clock: VirtualClock, promise: Promise<unknown>): Promise<Settlement> {
  return promise.then(
    (value) => ({ status: 'fulfilled', value, at: clock.now() }),
    (reason: unknown) => ({ status: 'rejected', reason, at: clock.now() }),
  );
}

/** Lets every pending promise callback run, without moving virtual time. */
export function flushCallbacks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
