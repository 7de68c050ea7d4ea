import { describeValue } from '../validation/describeValue.js';
import type { OperationRunner } from './OperationRunner.js';
import { assertRunner } from './assertRunner.js';

/** A function that wraps a runner in another, such as `(inner) => new RetryOperationRunner(inner)`. */
export type RunnerDecorator<Outer extends OperationRunner = OperationRunner> = (
  inner: OperationRunner,
) => Outer;

/**
 * Stacks runners, innermost first: each decorator receives the runner built so far and returns
 * the runner that wraps it. Returns the outermost runner, an ordinary object of the runner
 * classes, as if written by hand with nested `new`. Throws a `TypeError` naming the position of
 * a decorator that is not a function or does not return a runner.
 *
 * Read from the operation outward, the recommended order is timeout, bulkhead, rate limit,
 * circuit breaker, retry, buffer, fallback: each attempt gets its own timeout, takes a
 * bulkhead slot only while it runs, and counts once against the rate limit and the breaker;
 * the retry sees every failure, the buffer keeps what the retries could not deliver, and the
 * fallback answers last.
 *
 * @example
 * const runner = pipeline(
 *   new SimpleOperationRunner(),
 *   (inner) => new TimeoutOperationRunner(inner, { timeoutMs: 2_000 }),
 *   (inner) => new BulkheadOperationRunner(inner, { maxConcurrent: 10 }),
 *   (inner) => new CircuitBreakerOperationRunner(inner, breakerOptions),
 *   (inner) => new RetryOperationRunner(inner, retryOptions),
 * );
 */
export function pipeline<Outer extends OperationRunner>(base: Outer): Outer;
export function pipeline<Outer extends OperationRunner>(
  base: OperationRunner,
  ...decorators: [...RunnerDecorator[], RunnerDecorator<Outer>]
): Outer;
export function pipeline(base: OperationRunner, ...decorators: RunnerDecorator[]): OperationRunner {
  assertRunner('pipeline', 'base', base);
  let runner = base;
  decorators.forEach((decorator, index) => {
    if (typeof decorator !== 'function') {
      throw new TypeError(
        `pipeline: decorator ${index + 1} must be a function from the inner runner to the ` +
          `runner that wraps it, received ${describeValue(decorator)}.`,
      );
    }
    const outer: unknown = decorator(runner);
    assertRunner('pipeline', `decorator ${index + 1}'s result`, outer);
    runner = outer;
  });
  return runner;
}
