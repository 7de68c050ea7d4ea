// Measures the success path (no call fails, none times out) of the circuit breaker and timeout
// runners against a bare call. The peers are cockatiel's circuit breaker and cooperative
// timeout, and opossum's circuit breaker. Each case runs one call at a time, then 1,000 calls
// at once, and reports its fastest of three passes.
import { circuitBreaker, ConsecutiveBreaker, handleAll, timeout, TimeoutStrategy } from 'cockatiel';
import CircuitBreaker from 'opossum';
import { CircuitBreakerOperationRunner } from '../../src/runner/CircuitBreakerOperationRunner.js';
import { SimpleOperationRunner } from '../../src/runner/SimpleOperationRunner.js';
import { TimeoutOperationRunner } from '../../src/runner/TimeoutOperationRunner.js';
import { Callback } from '../../src/operation/Callback.js';
import { CountWindowStrategy } from '../../src/breaker/CountWindowStrategy.js';
import { TimeWindowStrategy } from '../../src/breaker/TimeWindowStrategy.js';
import { measure, measureConcurrent, type Measurement, printTable } from '../measure.js';

const CONCURRENCY = 1_000;

const work = (): Promise<number> => Promise.resolve(1);

/** Passes over every case; each case keeps its fastest pass. */
const PASSES = 3;

interface Case {
  readonly name: string;
  readonly call: () => Promise<unknown>;
}

export async function run(): Promise<void> {
  const callback = new Callback(work);
  const simple = new SimpleOperationRunner();
  const breaker = new CircuitBreakerOperationRunner(simple);
  const countBreaker = new CircuitBreakerOperationRunner(simple, {
    strategy: new CountWindowStrategy(),
  });
  const timeBreaker = new CircuitBreakerOperationRunner(simple, {
    strategy: new TimeWindowStrategy(),
  });
  const cooperative = new TimeoutOperationRunner(simple, { timeoutMs: 1_000 });
  const aggressive = new TimeoutOperationRunner(simple, { timeoutMs: 1_000, mode: 'aggressive' });
  const cockatielBreaker = circuitBreaker(handleAll, {
    halfOpenAfter: 10_000,
    breaker: new ConsecutiveBreaker(5),
  });
  const cockatielTimeout = timeout(1_000, TimeoutStrategy.Cooperative);
  const opossum = new CircuitBreaker(work, { timeout: false });

  const cases: Case[] = [
    { name: 'CircuitBreakerOperationRunner (consecutive)', call: () => breaker.run(callback) },
    {
      name: 'CircuitBreakerOperationRunner (count window)',
      call: () => countBreaker.run(callback),
    },
    { name: 'CircuitBreakerOperationRunner (time window)', call: () => timeBreaker.run(callback) },
    {
      name: 'cockatiel circuitBreaker(ConsecutiveBreaker)',
      call: () => cockatielBreaker.execute(work),
    },
    { name: 'opossum CircuitBreaker.fire()', call: () => opossum.fire() },
    { name: 'TimeoutOperationRunner (cooperative)', call: () => cooperative.run(callback) },
    { name: 'TimeoutOperationRunner (aggressive)', call: () => aggressive.run(callback) },
    { name: 'cockatiel timeout(Cooperative)', call: () => cockatielTimeout.execute(work) },
  ];

  const bare: Case = { name: 'await fn()', call: () => work() };
  const sequential = await measureBest(bare, cases, (name, call) => measure(name, call));
  printTable(
    'circuit breaker and timeout, success path, one call at a time',
    sequential.baseline,
    sequential.rows,
  );

  const concurrent = await measureBest(bare, cases, (name, call) =>
    measureConcurrent(name, call, CONCURRENCY),
  );
  printTable(
    `circuit breaker and timeout, success path, ${CONCURRENCY} calls at once`,
    concurrent.baseline,
    concurrent.rows,
  );
  opossum.shutdown();
}

/**
 * Measures the baseline and every case `PASSES` times, taking turns, and keeps each one's
 * fastest measurement, so that a burst of load from other processes does not skew one case
 * against the others.
 */
async function measureBest(
  baseline: Case,
  cases: readonly Case[],
  measureCase: (name: string, call: () => Promise<unknown>) => Promise<Measurement>,
): Promise<{ baseline: Measurement; rows: Measurement[] }> {
  const best = new Map<string, Measurement>();
  for (let pass = 0; pass < PASSES; pass++) {
    for (const { name, call } of [baseline, ...cases]) {
      const measurement = await measureCase(name, call);
      const previous = best.get(name);
      if (previous === undefined || measurement.nanosecondsPerCall < previous.nanosecondsPerCall) {
        best.set(name, measurement);
      }
    }
  }
  const fastest = (name: string): Measurement =>
    best.get(name) ?? { name, nanosecondsPerCall: Number.NaN };
  return { baseline: fastest(baseline.name), rows: cases.map(({ name }) => fastest(name)) };
}
