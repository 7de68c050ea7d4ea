import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConstantBackoff } from '../backoff/ConstantBackoff.js';
import { ConsecutiveFailuresStrategy } from '../breaker/ConsecutiveFailuresStrategy.js';
import { VirtualClock } from '../clock/VirtualClock.js';
import { BulkheadRejectedError } from '../errors/BulkheadRejectedError.js';
import { CircuitOpenError } from '../errors/CircuitOpenError.js';
import { OperationTimeoutError } from '../errors/OperationTimeoutError.js';
import { Callback } from '../operation/Callback.js';
import type { Operation } from '../operation/Operation.js';
import {
  abortListenerCount,
  flushRejections,
  trapUnhandledRejections,
} from '../queue/ManualOperation.testkit.js';
import { BulkheadOperationRunner } from './BulkheadOperationRunner.js';
import { CircuitBreakerOperationRunner } from './CircuitBreakerOperationRunner.js';
import { FallbackOperationRunner } from './FallbackOperationRunner.js';
import type { OperationRunner } from './OperationRunner.js';
import { RateLimitedOperationRunner } from './RateLimitedOperationRunner.js';
import { RetryOperationRunner } from './RetryOperationRunner.js';
import type { RunOptions } from './RunOptions.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';
import { TimeoutOperationRunner } from './TimeoutOperationRunner.js';
import { pipeline } from './pipeline.js';

let unhandled: ReturnType<typeof trapUnhandledRejections>;

beforeEach(() => {
  unhandled = trapUnhandledRejections();
});

afterEach(async () => {
  await flushRejections();
  unhandled.dispose();
  expect(unhandled.reasons).toEqual([]);
});

/** A runner that records its name in `trace` on the way in and on the way out. */
class TracingRunner implements OperationRunner {
  constructor(
    readonly inner: OperationRunner,
    readonly name: string,
    readonly trace: string[],
  ) {}

  async run<T>(operation: Operation<T>, options?: RunOptions): Promise<T> {
    this.trace.push(`${this.name} in`);
    const result = await this.inner.run(operation, options);
    this.trace.push(`${this.name} out`);
    return result;
  }
}

describe('pipeline', () => {
  it('returns the base alone', () => {
    const base = new SimpleOperationRunner();

    expect(pipeline(base)).toBe(base);
  });

  it('wraps innermost first', async () => {
    const trace: string[] = [];
    const base = new SimpleOperationRunner();
    const built: TracingRunner[] = [];
    const tracing =
      (name: string) =>
      (inner: OperationRunner): TracingRunner => {
        const runner = new TracingRunner(inner, name, trace);
        built.push(runner);
        return runner;
      };

    const runner = pipeline(base, tracing('inner'), tracing('middle'), tracing('outer'));
    await runner.run(new Callback(() => trace.push('operation')));

    expect(built.map(({ name }) => name)).toEqual(['inner', 'middle', 'outer']);
    expect(runner).toBe(built[2]);
    expect(built[2]!.inner).toBe(built[1]);
    expect(built[1]!.inner).toBe(built[0]);
    expect(built[0]!.inner).toBe(base);
    expect(trace).toEqual([
      'outer in',
      'middle in',
      'inner in',
      'operation',
      'inner out',
      'middle out',
      'outer out',
    ]);
  });

  it('builds the same runners by hand', async () => {
    const clock = new VirtualClock();
    const runner = pipeline(
      new SimpleOperationRunner(),
      (inner) => new BulkheadOperationRunner(inner, { maxConcurrent: 2, clock }),
      (inner) => new FallbackOperationRunner(inner, { fallback: 'fallback' }),
    );

    expect(runner).toBeInstanceOf(FallbackOperationRunner);
    await expect(runner.run(new Callback(() => 'direct'))).resolves.toBe('direct');
  });

  it('stacks the resilience runners', async () => {
    const clock = new VirtualClock();
    let attempts = 0;
    const operation = new Callback(({ signal }) => {
      attempts++;
      if (attempts === 1) {
        // The first attempt hangs until the timeout aborts it.
        return new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
        });
      }
      return `attempt ${attempts}`;
    });
    const bulkheadEvents: number[] = [];
    const runner = pipeline(
      new SimpleOperationRunner(),
      (inner) => new TimeoutOperationRunner(inner, { timeoutMs: 1000, clock }),
      (inner) => {
        const bulkhead = new BulkheadOperationRunner(inner, { maxConcurrent: 1, clock });
        bulkhead.events.on('started', ({ activeCount }) => bulkheadEvents.push(activeCount));
        return bulkhead;
      },
      (inner) =>
        new RateLimitedOperationRunner(inner, {
          slidingWindow: { maxStarts: 5, windowMs: 10_000 },
          clock,
        }),
      (inner) =>
        new RetryOperationRunner(inner, {
          maxAttempts: 3,
          backoff: new ConstantBackoff({ delayMs: 50 }),
          shouldRetry: (error) => error instanceof OperationTimeoutError,
          clock,
        }),
      (inner) => new FallbackOperationRunner(inner, { fallback: 'fallback' }),
    );
    const controller = new AbortController();

    const result = runner.run(operation, { signal: controller.signal });
    await clock.runAll();

    await expect(result).resolves.toBe('attempt 2');
    expect(bulkheadEvents).toEqual([1, 1]);
    expect(clock.pendingTimers).toBe(0);
    expect(abortListenerCount(controller.signal)).toBe(0);
  });

  it('rejects at the open breaker', async () => {
    const clock = new VirtualClock();
    const failure = new Error('remote down');
    let executions = 0;
    const operation = new Callback(() => {
      executions++;
      throw failure;
    });
    const bulkheadStarts: number[] = [];
    const permitStarts: number[] = [];
    const runner = pipeline(
      new SimpleOperationRunner(),
      (inner) => new TimeoutOperationRunner(inner, { timeoutMs: 1000, clock }),
      (inner) => {
        const bulkhead = new BulkheadOperationRunner(inner, { maxConcurrent: 2, clock });
        bulkhead.events.on('started', () => bulkheadStarts.push(clock.now()));
        return bulkhead;
      },
      (inner) => {
        const limiter = new RateLimitedOperationRunner(inner, {
          tokenBucket: { capacity: 100, refillPerSecond: 100 },
          clock,
        });
        limiter.events.on('started', () => permitStarts.push(clock.now()));
        return limiter;
      },
      (inner) =>
        new CircuitBreakerOperationRunner(inner, {
          strategy: new ConsecutiveFailuresStrategy({ failureThreshold: 2 }),
          openMs: 10_000,
          clock,
        }),
      (inner) =>
        new RetryOperationRunner(inner, {
          maxAttempts: 4,
          backoff: new ConstantBackoff({ delayMs: 10 }),
          clock,
        }),
      (inner) =>
        new FallbackOperationRunner(inner, {
          fallback: (error: unknown) => error,
          shouldHandle: (error) => error instanceof CircuitOpenError,
        }),
    );

    const result = runner.run(operation);
    await clock.runAll();

    await expect(result).resolves.toBeInstanceOf(CircuitOpenError);
    expect(executions).toBe(2);
    expect(permitStarts).toHaveLength(2);
    expect(bulkheadStarts).toHaveLength(2);
    expect(clock.pendingTimers).toBe(0);
  });

  it('lets a fallback answer rejections', async () => {
    const clock = new VirtualClock();
    const release: (() => void)[] = [];
    const slow = new Callback(
      () => new Promise<string>((resolve) => release.push(() => resolve('slow'))),
    );
    const runner = pipeline(
      new SimpleOperationRunner(),
      (inner) => new BulkheadOperationRunner(inner, { maxConcurrent: 1, clock }),
      (inner) =>
        new FallbackOperationRunner(inner, {
          fallback: 'busy',
          shouldHandle: (error) => error instanceof BulkheadRejectedError,
        }),
    );

    const first = runner.run(slow);
    await expect(runner.run(slow)).resolves.toBe('busy');
    release.forEach((resolve) => resolve());

    await expect(first).resolves.toBe('slow');
  });

  it('rejects invalid arguments', () => {
    const base = new SimpleOperationRunner();
    const cases: [() => unknown, RegExp][] = [
      [() => pipeline(undefined as never), /^pipeline: `base` must be an operation runner/],
      [
        () => pipeline(base, 'retry' as never),
        /^pipeline: decorator 1 must be a function .*received "retry"/,
      ],
      [
        () =>
          pipeline(
            base,
            (inner) => inner,
            () => ({}) as never,
          ),
        /^pipeline: `decorator 2's result` must be an operation runner/,
      ],
    ];
    for (const [build, message] of cases) {
      expect(build).toThrow(TypeError);
      expect(build).toThrow(message);
    }
  });
});
