import type { Backoff } from '../../backoff/Backoff.js';
import { ExponentialBackoff } from '../../backoff/ExponentialBackoff.js';
import { JitterBackoff } from '../../backoff/JitterBackoff.js';
import type { OperationRunner } from '../../runner/OperationRunner.js';
import { RetryOperationRunner } from '../../runner/RetryOperationRunner.js';
import { SimpleOperationRunner } from '../../runner/SimpleOperationRunner.js';
import { TimeoutOperationRunner } from '../../runner/TimeoutOperationRunner.js';
import type { RunCommandOptions } from './RunCommandOptions.js';
import { shouldRetryFailure } from './shouldRetryFailure.js';

/**
 * Builds the runner of the `run` command: a retry runner with an exponential backoff (with full
 * jitter unless turned off), around a cooperative timeout runner when each attempt has a time
 * limit. In cooperative mode the timeout waits until the stopped process has exited, so the
 * next attempt never starts while the previous one is still running.
 */
export function createRetryRunner(options: RunCommandOptions): RetryOperationRunner {
  const simple = new SimpleOperationRunner();
  const inner: OperationRunner =
    options.timeoutMs === undefined
      ? simple
      : new TimeoutOperationRunner(simple, { timeoutMs: options.timeoutMs, mode: 'cooperative' });
  const exponential = new ExponentialBackoff({
    initialDelayMs: options.initialDelayMs,
    factor: options.factor,
    maxDelayMs: options.maxDelayMs,
  });
  const backoff: Backoff = options.jitter ? new JitterBackoff(exponential) : exponential;
  return new RetryOperationRunner(inner, {
    maxAttempts: options.attempts,
    backoff,
    shouldRetry: (error) => shouldRetryFailure(options, error),
  });
}
