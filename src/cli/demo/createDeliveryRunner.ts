import { ExponentialBackoff } from '../../backoff/ExponentialBackoff.js';
import { JitterBackoff } from '../../backoff/JitterBackoff.js';
import { ConsecutiveFailuresStrategy } from '../../breaker/ConsecutiveFailuresStrategy.js';
import { CircuitBreakerOperationRunner } from '../../runner/CircuitBreakerOperationRunner.js';
import type { OperationRunner } from '../../runner/OperationRunner.js';
import { RetryOperationRunner } from '../../runner/RetryOperationRunner.js';
import { SimpleOperationRunner } from '../../runner/SimpleOperationRunner.js';
import { TimeoutOperationRunner } from '../../runner/TimeoutOperationRunner.js';
import { pipeline } from '../../runner/pipeline.js';
import type { DeliveryCounters } from './DeliveryCounters.js';

/** Settings of the runners around one delivery. */
export interface DeliveryRunnerSettings {
  /** Timeout of one attempt, in milliseconds. */
  readonly timeoutMs: number;
  /** Attempts of one message before it is left in the buffer. */
  readonly attempts: number;
}

/**
 * Builds the runners around each delivery, outermost first: retry with exponential backoff
 * and full jitter, then a circuit breaker, then a timeout per attempt. Their events feed
 * `counters`.
 */
export function createDeliveryRunner(
  settings: DeliveryRunnerSettings,
  counters: DeliveryCounters,
): OperationRunner {
  return pipeline(
    new SimpleOperationRunner(),
    (inner) => {
      const timeout = new TimeoutOperationRunner(inner, {
        timeoutMs: settings.timeoutMs,
        mode: 'cooperative',
      });
      timeout.events.on('timeout', () => counters.count('timedOut'));
      return timeout;
    },
    (inner) => {
      const breaker = new CircuitBreakerOperationRunner(inner, {
        strategy: new ConsecutiveFailuresStrategy({ failureThreshold: 5 }),
        openMs: 250,
      });
      breaker.events.on('rejected', () => counters.count('shortCircuited'));
      breaker.events.on('open', () => counters.count('opened'));
      return breaker;
    },
    (inner) => {
      const backoff = new JitterBackoff(
        new ExponentialBackoff({ initialDelayMs: 10, factor: 2, maxDelayMs: 200 }),
      );
      const retry = new RetryOperationRunner(inner, { maxAttempts: settings.attempts, backoff });
      retry.events.on('retry', () => counters.count('retried'));
      retry.events.on('giveUp', () => counters.count('gaveUp'));
      return retry;
    },
  );
}
