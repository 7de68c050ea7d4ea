import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/VirtualClock.js';
import { BulkheadRejectedError } from '../errors/BulkheadRejectedError.js';
import { FaultToleranceError } from '../errors/FaultToleranceError.js';
import { Callback } from '../operation/Callback.js';
import {
  abortListenerCount,
  ManualOperation,
  track,
  expectNoUnhandledRejections,
} from '../queue/ManualOperation.testkit.js';
import { BulkheadOperationRunner } from './BulkheadOperationRunner.js';
import type { BulkheadOperationRunnerOptions } from './BulkheadOperationRunnerOptions.js';
import type { OperationRunner } from './OperationRunner.js';
import { ThenableRunner } from './ThenableRunner.testkit.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';

expectNoUnhandledRejections();

function createBulkhead(options: Omit<BulkheadOperationRunnerOptions, 'clock'>): {
  bulkhead: BulkheadOperationRunner;
  clock: VirtualClock;
  operation: ManualOperation;
} {
  const clock = new VirtualClock();
  const bulkhead = new BulkheadOperationRunner(new SimpleOperationRunner(), { ...options, clock });
  return { bulkhead, clock, operation: new ManualOperation() };
}

/** Lets pending promise callbacks run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('BulkheadOperationRunner', () => {
  it('runs up to maxConcurrent at once', async () => {
    const { bulkhead, operation } = createBulkhead({ maxConcurrent: 3, maxQueued: 10 });

    const calls = Array.from({ length: 8 }, () => bulkhead.run(operation));
    await settle();

    expect(operation.running).toBe(3);
    expect(bulkhead.activeCount).toBe(3);
    expect(bulkhead.queuedCount).toBe(5);
    while (operation.executions.some((execution) => !execution.settled)) {
      operation.executions.filter((execution) => !execution.settled)[0]!.resolve('done');
      await settle();
      expect(operation.running).toBeLessThanOrEqual(3);
    }
    await expect(Promise.all(calls)).resolves.toHaveLength(8);
    expect(operation.maxRunning).toBe(3);
    expect(bulkhead.activeCount).toBe(0);
  });

  it('starts queued calls in order', async () => {
    const { bulkhead } = createBulkhead({ maxConcurrent: 1, maxQueued: 5 });
    const started: number[] = [];
    const calls = [0, 1, 2, 3].map((index) =>
      bulkhead.run(new Callback(() => started.push(index))),
    );

    await Promise.all(calls);

    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('rejects when the queue is full', async () => {
    const { bulkhead, operation } = createBulkhead({ maxConcurrent: 2, maxQueued: 1 });
    const rejected: unknown[] = [];
    bulkhead.events.on('rejected', (event) => rejected.push(event));
    const admitted = [bulkhead.run(operation), bulkhead.run(operation), bulkhead.run(operation)];

    const error: unknown = await bulkhead.run(operation).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(BulkheadRejectedError);
    expect(error).toBeInstanceOf(FaultToleranceError);
    expect(error).toMatchObject({
      name: 'BulkheadRejectedError',
      code: 'ERR_BULKHEAD_FULL',
      reason: 'full',
      maxConcurrent: 2,
      maxQueued: 1,
      waitedMs: 0,
    });
    expect(rejected).toEqual([
      { reason: 'full', activeCount: 2, queuedCount: 1, operationId: undefined },
    ]);
    expect(operation.executions).toHaveLength(2);
    operation.executions.forEach((execution) => execution.resolve('done'));
    await settle();
    operation.executions[2]!.resolve('done');
    await Promise.all(admitted);
  });

  it('rejects at once without a queue', async () => {
    const { bulkhead, operation } = createBulkhead({ maxConcurrent: 1 });
    const first = bulkhead.run(operation);

    await expect(bulkhead.run(operation)).rejects.toMatchObject({ code: 'ERR_BULKHEAD_FULL' });

    expect(bulkhead.queuedCount).toBe(0);
    operation.executions[0]!.resolve('done');
    await first;
  });

  it('returns the slot after success', async () => {
    const { bulkhead, operation } = createBulkhead({ maxConcurrent: 1 });
    const call = bulkhead.run(operation);
    operation.executions[0]!.resolve('value');

    await expect(call).resolves.toBe('value');

    expect(bulkhead.activeCount).toBe(0);
    await expect(bulkhead.run(new Callback(() => 'next'))).resolves.toBe('next');
  });

  it('returns the slot after failure', async () => {
    const { bulkhead, operation } = createBulkhead({ maxConcurrent: 1 });
    const failure = new Error('remote down');
    const call = bulkhead.run(operation);
    operation.executions[0]!.reject(failure);

    await expect(call).rejects.toBe(failure);

    expect(bulkhead.activeCount).toBe(0);
    await expect(bulkhead.run(new Callback(() => 'next'))).resolves.toBe('next');
  });

  it('returns the slot after a synchronous throw', async () => {
    const failure = new Error('thrown at once');
    const throwing: OperationRunner = {
      run: () => {
        throw failure;
      },
    };
    const bulkhead = new BulkheadOperationRunner(throwing, { maxConcurrent: 1 });

    await expect(bulkhead.run(new Callback(() => 1))).rejects.toBe(failure);

    expect(bulkhead.activeCount).toBe(0);
  });

  it('returns the slot after a running abort', async () => {
    const { bulkhead, operation } = createBulkhead({ maxConcurrent: 1, maxQueued: 1 });
    const controller = new AbortController();
    const running = bulkhead.run(operation, { signal: controller.signal });
    const queued = bulkhead.run(operation);
    const reason = new Error('caller gave up');

    controller.abort(reason);

    await expect(running).rejects.toBe(reason);
    await settle();
    expect(operation.executions).toHaveLength(2);
    expect(bulkhead.activeCount).toBe(1);
    expect(bulkhead.queuedCount).toBe(0);
    operation.executions[1]!.resolve('second');
    await expect(queued).resolves.toBe('second');
    expect(bulkhead.activeCount).toBe(0);
    expect(abortListenerCount(controller.signal)).toBe(0);
  });

  it('removes an aborted call from the queue', async () => {
    const { bulkhead, operation, clock } = createBulkhead({
      maxConcurrent: 1,
      maxQueued: 2,
      maxQueueWaitMs: 1000,
    });
    const controller = new AbortController();
    const running = bulkhead.run(operation);
    const queued = track(bulkhead.run(operation, { signal: controller.signal }));
    const reason = new Error('caller gave up');

    expect(abortListenerCount(controller.signal)).toBe(1);
    controller.abort(reason);

    expect(bulkhead.queuedCount).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    expect(abortListenerCount(controller.signal)).toBe(0);
    await expect(queued.promise).rejects.toBe(reason);
    const later = bulkhead.run(operation);
    expect(bulkhead.queuedCount).toBe(1);
    operation.executions[0]!.resolve('first');
    await running;
    await settle();
    operation.executions[1]!.resolve('later');
    await expect(later).resolves.toBe('later');
    expect(operation.executions).toHaveLength(2);
  });

  it('rejects an already aborted call', async () => {
    const { bulkhead, operation } = createBulkhead({ maxConcurrent: 1 });
    const reason = new Error('aborted before');

    await expect(bulkhead.run(operation, { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );

    expect(bulkhead.activeCount).toBe(0);
    expect(operation.executions).toHaveLength(0);
  });

  it('rejects a call whose queue wait ran out', async () => {
    const { bulkhead, operation, clock } = createBulkhead({
      maxConcurrent: 1,
      maxQueued: 3,
      maxQueueWaitMs: 500,
    });
    const rejected: unknown[] = [];
    bulkhead.events.on('rejected', (event) => rejected.push(event));
    const running = bulkhead.run(operation);
    const early = track(bulkhead.run(operation));
    await clock.advance(200);
    const late = track(bulkhead.run(operation));

    await clock.advance(299);
    expect(early.outcome.status).toBe('pending');
    await clock.advance(1);

    expect(early.outcome.reason).toBeInstanceOf(BulkheadRejectedError);
    expect(early.outcome.reason).toMatchObject({
      code: 'ERR_BULKHEAD_QUEUE_TIMEOUT',
      reason: 'queue-timeout',
      waitedMs: 500,
    });
    expect(rejected).toEqual([
      { reason: 'queue-timeout', activeCount: 1, queuedCount: 1, operationId: undefined },
    ]);
    expect(late.outcome.status).toBe('pending');
    await clock.advance(200);
    expect(late.outcome.reason).toMatchObject({ code: 'ERR_BULKHEAD_QUEUE_TIMEOUT' });
    expect(bulkhead.queuedCount).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    operation.executions[0]!.resolve('done');
    await running;
    await expect(bulkhead.run(new Callback(() => 'next'))).resolves.toBe('next');
  });

  it('expires wait below clock resolution', async () => {
    // At this clock time, adding 0.0001 ms gives the same number again.
    const clock = new VirtualClock({ startAt: 1.7e12 });
    const bulkhead = new BulkheadOperationRunner(new SimpleOperationRunner(), {
      maxConcurrent: 1,
      maxQueued: 1,
      maxQueueWaitMs: 0.0001,
      clock,
    });
    const operation = new ManualOperation();
    const running = bulkhead.run(operation);
    const queued = track(bulkhead.run(new Callback(() => 'queued')));

    await clock.runAll(100);

    expect(queued.outcome.reason).toMatchObject({ code: 'ERR_BULKHEAD_QUEUE_TIMEOUT' });
    expect(clock.pendingTimers).toBe(0);
    operation.executions[0]!.resolve('done');
    await running;
  });

  it('adopts thenable from inner runner', async () => {
    const bulkhead = new BulkheadOperationRunner(new ThenableRunner(), { maxConcurrent: 1 });
    const failure = new Error('failed');

    await expect(bulkhead.run(new Callback(() => 'value'))).resolves.toBe('value');
    await expect(bulkhead.run(new Callback(() => Promise.reject(failure)))).rejects.toBe(failure);

    expect(bulkhead.activeCount).toBe(0);
  });

  it('clears the queue timer when the queue empties', async () => {
    const { bulkhead, operation, clock } = createBulkhead({
      maxConcurrent: 1,
      maxQueued: 1,
      maxQueueWaitMs: 10_000,
    });
    const running = bulkhead.run(operation);
    const queued = bulkhead.run(operation);
    expect(clock.pendingTimers).toBe(1);

    operation.executions[0]!.resolve('first');
    await running;

    expect(clock.pendingTimers).toBe(0);
    await settle();
    operation.executions[1]!.resolve('second');
    await expect(queued).resolves.toBe('second');
  });

  it('emits queued and started', async () => {
    const { bulkhead, operation, clock } = createBulkhead({ maxConcurrent: 1, maxQueued: 1 });
    const events: unknown[] = [];
    bulkhead.events.on('queued', (event) => events.push(['queued', event]));
    bulkhead.events.on('started', (event) => events.push(['started', event]));
    const first = bulkhead.run(operation);
    const second = bulkhead.run(operation);

    await clock.advance(250);
    operation.executions[0]!.resolve(1);
    await first;
    await settle();
    operation.executions[1]!.resolve(2);
    await second;

    expect(events).toEqual([
      ['started', { activeCount: 1, waitedMs: 0, operationId: undefined }],
      ['queued', { activeCount: 1, queuedCount: 1, operationId: undefined }],
      ['started', { activeCount: 1, waitedMs: 250, operationId: undefined }],
    ]);
  });

  it('passes the signal and attempt', async () => {
    const { bulkhead } = createBulkhead({ maxConcurrent: 1 });
    const controller = new AbortController();

    const context = await bulkhead.run(new Callback((received) => received), {
      signal: controller.signal,
      attempt: 3,
    });

    expect(context.signal).toBe(controller.signal);
    expect(context.attempt).toBe(3);
  });

  it('rejects invalid calls without a slot', async () => {
    const { bulkhead } = createBulkhead({ maxConcurrent: 1 });

    await expect(bulkhead.run(null as never)).rejects.toThrow(TypeError);
    await expect(bulkhead.run(new Callback(() => 1), 'x' as never)).rejects.toThrow(TypeError);
    await expect(bulkhead.run(new Callback(() => 1), { signal: 'x' as never })).rejects.toThrow(
      /BulkheadOperationRunner.run: `signal` must be an AbortSignal/,
    );
    expect(bulkhead.activeCount).toBe(0);
  });

  it('accepts an unbounded queue', async () => {
    const { bulkhead, operation } = createBulkhead({ maxConcurrent: 1, maxQueued: Infinity });

    const calls = Array.from({ length: 500 }, () => bulkhead.run(operation));

    expect(bulkhead.queuedCount).toBe(499);
    for (let index = 0; index < 500; index++) {
      await settle();
      operation.executions[index]!.resolve(index);
    }
    await expect(Promise.all(calls)).resolves.toHaveLength(500);
  });

  it('returns every slot under random load', async () => {
    const outcome = fc.constantFrom('succeed', 'fail', 'abort-queued', 'abort-running', 'wait');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.record({ outcome, arriveAfterMs: fc.integer({ min: 0, max: 20 }) }), {
          minLength: 100,
          maxLength: 300,
        }),
        async (maxConcurrent, maxQueued, calls) => {
          await checkRandomLoad(maxConcurrent, maxQueued, calls);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('rejects invalid options', () => {
    const runner = new SimpleOperationRunner();
    const cases: [unknown, unknown, RegExp][] = [
      [null, { maxConcurrent: 1 }, /`runner` must be an operation runner.*received null/],
      [runner, undefined, /`options` must be an object, received undefined/],
      [runner, {}, /`maxConcurrent` must be an integer from 1 to \d+, received undefined/],
      [runner, { maxConcurrent: 0 }, /`maxConcurrent` must be an integer from 1 .*received 0/],
      [runner, { maxConcurrent: 1.5 }, /`maxConcurrent` .*received 1.5/],
      [runner, { maxConcurrent: NaN }, /`maxConcurrent` .*received NaN/],
      [runner, { maxConcurrent: Infinity }, /`maxConcurrent` .*received Infinity/],
      [runner, { maxConcurrent: '2' }, /`maxConcurrent` .*received "2"/],
      [
        runner,
        { maxConcurrent: 1, maxQueued: -1 },
        /`maxQueued` must be an integer from 0 up to Infinity, received -1/,
      ],
      [runner, { maxConcurrent: 1, maxQueued: 0.5 }, /`maxQueued` .*received 0.5/],
      [
        runner,
        { maxConcurrent: 1, maxQueueWaitMs: -5 },
        /`maxQueueWaitMs` must be a number from 0 up to Infinity, received -5/,
      ],
      [runner, { maxConcurrent: 1, maxQueueWaitMs: NaN }, /`maxQueueWaitMs` .*received NaN/],
      [runner, { maxConcurrent: 1, clock: {} }, /`clock` must be a clock/],
    ];
    for (const [inner, options, message] of cases) {
      const create = (): unknown => new BulkheadOperationRunner(inner as never, options as never);
      expect(create).toThrow(/^BulkheadOperationRunner: /);
      expect(create).toThrow(message);
    }
  });
});

type Outcome = 'succeed' | 'fail' | 'abort-queued' | 'abort-running' | 'wait';

/**
 * Starts one call per entry on a virtual clock, ends each as its outcome specifies, and checks
 * that the bulkhead never runs more than `maxConcurrent`, frees every slot and queue place,
 * leaves no timer or abort listener behind, and still admits a call afterwards.
 */
async function checkRandomLoad(
  maxConcurrent: number,
  maxQueued: number,
  calls: readonly { outcome: Outcome; arriveAfterMs: number }[],
): Promise<void> {
  const clock = new VirtualClock();
  const maxQueueWaitMs = 40;
  const bulkhead = new BulkheadOperationRunner(new SimpleOperationRunner(), {
    maxConcurrent,
    maxQueued,
    maxQueueWaitMs,
    clock,
  });
  let running = 0;
  let maxRunning = 0;
  const signals: AbortSignal[] = [];
  const results: Promise<unknown>[] = [];
  for (const { outcome, arriveAfterMs } of calls) {
    await clock.advance(arriveAfterMs);
    const controller = new AbortController();
    signals.push(controller.signal);
    const operation = new Callback(async ({ signal }) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      try {
        await new Promise<void>((resolve, reject) => {
          const onAbort = (): void => {
            clock.clearTimeout(timer);
            reject(signal.reason as Error);
          };
          const timer = clock.setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          }, 15);
          signal.addEventListener('abort', onAbort, { once: true });
        });
        if (outcome === 'fail') {
          throw new Error('operation failed');
        }
        return outcome;
      } finally {
        running--;
      }
    });
    results.push(bulkhead.run(operation, { signal: controller.signal }).catch(() => 'rejected'));
    expect(bulkhead.activeCount).toBeLessThanOrEqual(maxConcurrent);
    expect(bulkhead.queuedCount).toBeLessThanOrEqual(maxQueued);
    if (outcome === 'abort-queued') {
      controller.abort(new Error('caller gave up while queued'));
    } else if (outcome === 'abort-running') {
      clock.setTimeout(() => controller.abort(new Error('caller gave up')), 5);
    }
  }
  await clock.runAll();
  await Promise.all(results);

  expect(maxRunning).toBeLessThanOrEqual(maxConcurrent);
  expect(bulkhead.activeCount).toBe(0);
  expect(bulkhead.queuedCount).toBe(0);
  expect(clock.pendingTimers).toBe(0);
  expect(signals.map(abortListenerCount).filter((count) => count > 0)).toEqual([]);
  const later = Array.from({ length: maxConcurrent }, () => bulkhead.run(new Callback(() => 1)));
  await expect(Promise.all(later)).resolves.toHaveLength(maxConcurrent);
}
