// Measures the success path, where no call fails and none is rejected. It times the bulkhead,
// rate limit and fallback runners alone, and a four-runner pipeline (retry, circuit breaker,
// timeout, bulkhead). Each is compared with a bare call and with the same stacks built with
// cockatiel and opossum, first one call at a time, then 1,000 calls at once.
import {
  bulkhead,
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff as CockatielExponentialBackoff,
  fallback,
  handleAll,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import CircuitBreaker from 'opossum';
import pRetry from 'p-retry';
import {
  BulkheadOperationRunner,
  Callback,
  CircuitBreakerOperationRunner,
  FallbackOperationRunner,
  type OperationRunner,
  pipeline,
  RateLimitedOperationRunner,
  RetryOperationRunner,
  SimpleOperationRunner,
  TimeoutOperationRunner,
} from '../../src/index.js';
import { measure, measureConcurrent, type Measurement, printTable } from '../measure.js';

const CONCURRENCY = 1_000;
/** Large enough that no case ever waits for a slot or a permit. */
const ROOMY = 10_000;
const TIMEOUT_MS = 10_000;

const work = (): Promise<number> => Promise.resolve(1);

/** Calls `call` up to `attempts` times, at once after a failure, until it succeeds. */
async function retryManually<T>(call: () => Promise<T>, attempts: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts) {
        throw error;
      }
    }
  }
}

interface Case {
  readonly name: string;
  readonly call: () => Promise<unknown>;
}

/** Builds this library's four-runner pipeline, outermost first: retry, breaker, timeout, bulkhead. */
function buildPipeline(): OperationRunner {
  return pipeline(
    new SimpleOperationRunner(),
    (inner) => new TimeoutOperationRunner(inner, { timeoutMs: TIMEOUT_MS }),
    (inner) => new BulkheadOperationRunner(inner, { maxConcurrent: ROOMY }),
    (inner) => new CircuitBreakerOperationRunner(inner),
    (inner) => new RetryOperationRunner(inner, { maxAttempts: 3 }),
  );
}

function buildCases(): { cases: Case[]; shutdown: () => void } {
  const callback = new Callback(work);
  const simple = new SimpleOperationRunner();
  const bulkheadRunner = new BulkheadOperationRunner(simple, { maxConcurrent: ROOMY });
  const rateLimited = new RateLimitedOperationRunner(simple, {
    tokenBucket: { capacity: 1_000_000_000, refillPerSecond: 1_000_000_000 },
  });
  const fallbackRunner = new FallbackOperationRunner(simple, { fallback: 0 });
  const stack = buildPipeline();

  const cockatielBulkhead = bulkhead(ROOMY);
  const cockatielFallback = fallback(handleAll, 0);
  const cockatielStack = wrap(
    retry(handleAll, { maxAttempts: 2, backoff: new CockatielExponentialBackoff() }),
    circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) }),
    timeout(TIMEOUT_MS, TimeoutStrategy.Cooperative),
    bulkhead(ROOMY),
  );
  const opossum = new CircuitBreaker(work, { timeout: TIMEOUT_MS, capacity: ROOMY });

  const cases: Case[] = [
    { name: 'SimpleOperationRunner', call: () => simple.run(callback) },
    { name: 'BulkheadOperationRunner', call: () => bulkheadRunner.run(callback) },
    { name: 'cockatiel bulkhead', call: () => cockatielBulkhead.execute(work) },
    { name: 'RateLimitedOperationRunner (token bucket)', call: () => rateLimited.run(callback) },
    { name: 'FallbackOperationRunner', call: () => fallbackRunner.run(callback) },
    { name: 'cockatiel fallback', call: () => cockatielFallback.execute(work) },
    { name: 'pipeline: retry, breaker, timeout, bulkhead', call: () => stack.run(callback) },
    {
      name: 'cockatiel wrap(retry, breaker, timeout, bulkhead)',
      call: () => cockatielStack.execute(work),
    },
    {
      name: 'p-retry around opossum (timeout, capacity)',
      call: () => pRetry(() => opossum.fire(), { retries: 2 }),
    },
    {
      name: 'retry loop around opossum (timeout, capacity)',
      call: () => retryManually(() => opossum.fire(), 3),
    },
  ];
  return { cases, shutdown: () => opossum.shutdown() };
}

export async function run(): Promise<void> {
  const { cases, shutdown } = buildCases();

  const sequential: Measurement[] = [];
  const bare = await measure('await fn()', () => work());
  for (const { name, call } of cases) {
    sequential.push(await measure(name, call));
  }
  printTable('bulkhead, rate limit, fallback and pipeline: one call at a time', bare, sequential);

  const concurrent: Measurement[] = [];
  const bareConcurrent = await measureConcurrent('await fn()', () => work(), CONCURRENCY);
  for (const { name, call } of cases) {
    concurrent.push(await measureConcurrent(name, call, CONCURRENCY));
  }
  printTable(
    `bulkhead, rate limit, fallback and pipeline: ${CONCURRENCY} calls at once`,
    bareConcurrent,
    concurrent,
  );
  shutdown();
}
