import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ConstantBackoff } from '../backoff/ConstantBackoff.js';
import { VirtualClock } from '../clock/VirtualClock.js';
import { Callback } from '../operation/Callback.js';
import { VirtualWaiter } from '../waiter/VirtualWaiter.js';
import { BulkheadOperationRunner } from './BulkheadOperationRunner.js';
import type { OperationRunner } from './OperationRunner.js';
import { RetryOperationRunner } from './RetryOperationRunner.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';
import { TimeoutOperationRunner } from './TimeoutOperationRunner.js';
import { pipeline } from './pipeline.js';

const CALLS = 100;

function abortListenerCount(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}

/** Retry around a bulkhead of 10 slots around a timeout, all on `clock`. */
function createPipeline(clock: VirtualClock): OperationRunner {
  return pipeline(
    new SimpleOperationRunner(),
    (inner) => new TimeoutOperationRunner(inner, { timeoutMs: 1_000, clock }),
    (inner) =>
      new BulkheadOperationRunner(inner, { maxConcurrent: 10, maxQueued: Infinity, clock }),
    (inner) =>
      new RetryOperationRunner(inner, {
        maxAttempts: 3,
        backoff: new ConstantBackoff({ delayMs: 5 }),
        clock,
        waiter: new VirtualWaiter(clock),
      }),
  );
}

/** Returns an operation that takes 10 ms of `clock` time and fails its first attempt. */
function flakyOperation(clock: VirtualClock): Callback<number> {
  return new Callback(async ({ attempt }) => {
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 10));
    if (attempt === 1) {
      throw new Error('flaky');
    }
    return attempt;
  });
}

/** Collects the names of process warnings emitted while `body` runs. */
async function collectWarnings(body: () => Promise<void>): Promise<string[]> {
  const names: string[] = [];
  const onWarning = (warning: Error): void => {
    names.push(warning.name);
  };
  process.on('warning', onWarning);
  try {
    await body();
    // Node.js emits process warnings on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  return names;
}

describe('pipeline', () => {
  it('shares one abort listener across concurrent calls', async () => {
    const clock = new VirtualClock();
    const runner = createPipeline(clock);
    const { signal } = new AbortController();
    const listenerCounts: number[] = [];
    let results: PromiseSettledResult<unknown>[] = [];

    const warnings = await collectWarnings(async () => {
      const calls = Array.from({ length: CALLS }, () =>
        runner.run(flakyOperation(clock), { signal }),
      );
      while (clock.pendingTimers > 0) {
        listenerCounts.push(abortListenerCount(signal));
        await clock.advance(5);
      }
      results = await Promise.allSettled(calls);
    });

    expect(warnings).not.toContain('MaxListenersExceededWarning');
    expect(listenerCounts.length).toBeGreaterThan(1);
    expect(Math.max(...listenerCounts)).toBe(1);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(CALLS);
    expect(abortListenerCount(signal)).toBe(0);
  });

  it('rejects every concurrent call on abort', async () => {
    const clock = new VirtualClock();
    const runner = createPipeline(clock);
    const controller = new AbortController();
    const reason = new Error('shutdown');
    let results: PromiseSettledResult<unknown>[] = [];

    const warnings = await collectWarnings(async () => {
      const calls = Array.from({ length: CALLS }, () =>
        runner.run(flakyOperation(clock), { signal: controller.signal }),
      );
      await clock.advance(15);
      controller.abort(reason);
      results = await Promise.allSettled(calls);
    });

    expect(warnings).not.toContain('MaxListenersExceededWarning');
    const rejectedWithReason = results.filter(
      (result) => result.status === 'rejected' && result.reason === reason,
    );
    expect(rejectedWithReason).toHaveLength(CALLS);
    expect(abortListenerCount(controller.signal)).toBe(0);
  });
});
