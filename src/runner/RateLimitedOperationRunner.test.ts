import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/VirtualClock.js';
import { FaultToleranceError } from '../errors/FaultToleranceError.js';
import { RateLimitedError } from '../errors/RateLimitedError.js';
import { Callback } from '../operation/Callback.js';
import type { Operation } from '../operation/Operation.js';
import {
  abortListenerCount,
  track,
  expectNoUnhandledRejections,
} from '../queue/ManualOperation.testkit.js';
import type { OperationRunner } from './OperationRunner.js';
import { RateLimitedOperationRunner } from './RateLimitedOperationRunner.js';
import type { RateLimitedOperationRunnerOptions } from './RateLimitedOperationRunnerOptions.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';
import { ThenableRunner } from './ThenableRunner.testkit.js';

expectNoUnhandledRejections();

/** Returns an operation that records the clock time at which it starts. */
function startRecorder(clock: VirtualClock): { operation: Operation<number>; starts: number[] } {
  const starts: number[] = [];
  const operation = new Callback(() => {
    starts.push(clock.now());
    return clock.now();
  });
  return { operation, starts };
}

function createLimiter(options: Omit<RateLimitedOperationRunnerOptions, 'clock'>): {
  limiter: RateLimitedOperationRunner;
  clock: VirtualClock;
} {
  const clock = new VirtualClock();
  const limiter = new RateLimitedOperationRunner(new SimpleOperationRunner(), {
    ...options,
    clock,
  });
  return { limiter, clock };
}

/** A tenant's operation, for keyed limits. */
class TenantOperation extends Callback<string> {
  constructor(readonly tenant: string) {
    super(() => tenant);
  }
}

const byTenant = (operation: Operation): string =>
  String((operation as Operation & { readonly tenant?: string }).tenant);

/** Checks that no span of `windowMs` milliseconds contains more than `maxStarts` of `starts`. */
function expectStrictWindow(starts: readonly number[], maxStarts: number, windowMs: number): void {
  const sorted = [...starts].sort((a, b) => a - b);
  for (let index = maxStarts; index < sorted.length; index++) {
    expect(sorted[index]! - sorted[index - maxStarts]!).toBeGreaterThanOrEqual(windowMs);
  }
}

describe('RateLimitedOperationRunner', () => {
  it('rejects past the burst', async () => {
    const { limiter } = createLimiter({ tokenBucket: { capacity: 2, refillPerSecond: 4 } });
    const rejected: unknown[] = [];
    limiter.events.on('rejected', (event) => rejected.push(event));
    await limiter.run(new Callback(() => 1));
    await limiter.run(new Callback(() => 2));

    const error: unknown = await limiter
      .run(new Callback(() => 3))
      .catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toBeInstanceOf(FaultToleranceError);
    expect(error).toMatchObject({
      name: 'RateLimitedError',
      code: 'ERR_RATE_LIMITED',
      reason: 'limit-reached',
      retryAfterMs: 250,
      key: undefined,
    });
    expect(rejected).toEqual([
      { reason: 'limit-reached', key: undefined, retryAfterMs: 250, operationId: undefined },
    ]);
  });

  it('allows again after the refill', async () => {
    const { limiter, clock } = createLimiter({ tokenBucket: { capacity: 1, refillPerSecond: 10 } });
    await limiter.run(new Callback(() => 1));
    await expect(limiter.run(new Callback(() => 2))).rejects.toThrow(RateLimitedError);

    await clock.advance(100);

    await expect(limiter.run(new Callback(() => 3))).resolves.toBe(3);
  });

  it('rounds retryAfterMs up', async () => {
    const { limiter } = createLimiter({ tokenBucket: { capacity: 1, refillPerSecond: 3 } });
    await limiter.run(new Callback(() => 1));

    await expect(limiter.run(new Callback(() => 2))).rejects.toMatchObject({ retryAfterMs: 334 });
  });

  it('waits for a permit in order', async () => {
    const { limiter, clock } = createLimiter({
      slidingWindow: { maxStarts: 2, windowMs: 1000 },
      maxWaitMs: 10_000,
    });
    const { operation, starts } = startRecorder(clock);
    const order: number[] = [];
    const calls = [0, 1, 2, 3, 4].map((index) =>
      limiter.run(operation).then(() => order.push(index)),
    );

    expect(limiter.queuedCount).toBe(3);
    await clock.runAll();
    await Promise.all(calls);

    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(starts).toEqual([0, 0, 1000, 1000, 2000]);
    expect(limiter.queuedCount).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects a wait beyond maxWaitMs', async () => {
    const { limiter, clock } = createLimiter({
      tokenBucket: { capacity: 1, refillPerSecond: 1 },
      maxWaitMs: 2500,
    });
    const { operation, starts } = startRecorder(clock);
    const admitted = [limiter.run(operation), limiter.run(operation), limiter.run(operation)];

    await expect(limiter.run(operation)).rejects.toMatchObject({
      code: 'ERR_RATE_LIMITED',
      reason: 'max-wait-exceeded',
      retryAfterMs: 3000,
    });

    await clock.runAll();
    await Promise.all(admitted);
    expect(starts).toEqual([0, 1000, 2000]);
  });

  it('never waits longer than maxWaitMs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 600 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 50, maxLength: 200 }),
        async (maxStarts, windowMs, maxWaitMs, gaps) => {
          const { limiter, clock } = createLimiter({
            slidingWindow: { maxStarts, windowMs },
            maxWaitMs,
          });
          const waits: number[] = [];
          const calls: Promise<unknown>[] = [];
          for (const gap of gaps) {
            await clock.advance(gap);
            const calledAt = clock.now();
            const operation = new Callback(() => waits.push(clock.now() - calledAt));
            calls.push(limiter.run(operation).catch(() => undefined));
          }
          await clock.runAll();
          await Promise.all(calls);

          expect(Math.max(0, ...waits)).toBeLessThanOrEqual(maxWaitMs);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('serves fast refills at large times', async () => {
    // At this clock time, a refill delay of 0.0001 ms adds nothing to the time.
    const clock = new VirtualClock({ startAt: 1.7e12 });
    const limiter = new RateLimitedOperationRunner(new SimpleOperationRunner(), {
      tokenBucket: { capacity: 1, refillPerSecond: 10_000_000 },
      maxWaitMs: 10,
      clock,
    });
    const { operation, starts } = startRecorder(clock);
    const calls = Array.from({ length: 3 }, () => limiter.run(operation));

    await clock.runAll(100);
    await Promise.all(calls);

    expect(starts).toHaveLength(3);
    expect(starts[2]! - starts[0]!).toBeLessThanOrEqual(2);
    expect(clock.pendingTimers).toBe(0);
  });

  it('adopts thenable from inner runner', async () => {
    const limiter = new RateLimitedOperationRunner(new ThenableRunner(), {
      tokenBucket: { capacity: 1, refillPerSecond: 1 },
    });

    const call = limiter.run(new Callback(() => 'value'));

    expect(call).toBeInstanceOf(Promise);
    await expect(call).resolves.toBe('value');
  });

  it('keeps a strict sliding window', async () => {
    const arrival = fc.record({
      gapMs: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 900 }),
      ),
      burst: fc.integer({ min: 1, max: 12 }),
      abort: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 500 }),
        fc.constantFrom(0, 50, 400, Infinity),
        fc.array(arrival, { minLength: 20, maxLength: 80 }),
        async (maxStarts, windowMs, maxWaitMs, arrivals) => {
          const { limiter, clock } = createLimiter({
            slidingWindow: { maxStarts, windowMs },
            maxWaitMs,
          });
          const { operation, starts } = startRecorder(clock);
          const calls: Promise<unknown>[] = [];
          for (const { gapMs, burst, abort } of arrivals) {
            await clock.advance(gapMs);
            const controller = new AbortController();
            for (let index = 0; index < burst; index++) {
              calls.push(limiter.run(operation, { signal: controller.signal }).catch(() => 0));
            }
            if (abort) {
              clock.setTimeout(() => controller.abort(), windowMs / 2);
            }
          }
          await clock.runAll();
          await Promise.all(calls);

          expect(starts.length).toBeGreaterThan(0);
          expectStrictWindow(starts, maxStarts, windowMs);
          expect(limiter.queuedCount).toBe(0);
          expect(clock.pendingTimers).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps the token bucket rate', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 50 }),
        fc.constantFrom(0, 1000, Infinity),
        fc.array(
          fc.record({
            gapMs: fc.integer({ min: 0, max: 400 }),
            burst: fc.integer({ min: 1, max: 10 }),
          }),
          {
            minLength: 10,
            maxLength: 60,
          },
        ),
        async (capacity, refillPerSecond, maxWaitMs, arrivals) => {
          const { limiter, clock } = createLimiter({
            tokenBucket: { capacity, refillPerSecond },
            maxWaitMs,
          });
          const { operation, starts } = startRecorder(clock);
          const calls: Promise<unknown>[] = [];
          for (const { gapMs, burst } of arrivals) {
            await clock.advance(gapMs);
            for (let index = 0; index < burst; index++) {
              calls.push(limiter.run(operation).catch(() => 0));
            }
          }
          await clock.runAll();
          await Promise.all(calls);

          // Any span from one start to a later one contains at most the full bucket plus the
          // tokens refilled during the span.
          for (let first = 0; first < starts.length; first++) {
            for (let last = first; last < starts.length; last++) {
              const allowed =
                capacity + ((starts[last]! - starts[first]!) * refillPerSecond) / 1000;
              expect(last - first + 1).toBeLessThanOrEqual(allowed + 1e-6);
            }
          }
          expect(clock.pendingTimers).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('removes an aborted waiter at once', async () => {
    const { limiter, clock } = createLimiter({
      slidingWindow: { maxStarts: 1, windowMs: 1000 },
      maxWaitMs: Infinity,
    });
    const { operation, starts } = startRecorder(clock);
    await limiter.run(operation);
    const controller = new AbortController();
    const waiting = track(limiter.run(operation, { signal: controller.signal }));
    const reason = new Error('caller gave up');
    expect(abortListenerCount(controller.signal)).toBe(1);
    expect(clock.pendingTimers).toBe(1);

    controller.abort(reason);

    expect(limiter.queuedCount).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    expect(abortListenerCount(controller.signal)).toBe(0);
    await expect(waiting.promise).rejects.toBe(reason);
    await clock.advance(1000);
    await expect(limiter.run(operation)).resolves.toBe(1000);
    expect(starts).toEqual([0, 1000]);
  });

  it('moves later waiters up after an abort', async () => {
    const { limiter, clock } = createLimiter({
      slidingWindow: { maxStarts: 1, windowMs: 100 },
      maxWaitMs: Infinity,
    });
    const { operation, starts } = startRecorder(clock);
    await limiter.run(operation);
    const controller = new AbortController();
    const aborted = limiter.run(operation, { signal: controller.signal }).catch(() => 'aborted');
    const later = limiter.run(operation);

    controller.abort();
    await clock.runAll();

    await expect(aborted).resolves.toBe('aborted');
    await expect(later).resolves.toBe(100);
    expect(starts).toEqual([0, 100]);
  });

  it('removes the listener after a granted wait', async () => {
    const { limiter, clock } = createLimiter({
      tokenBucket: { capacity: 1, refillPerSecond: 1 },
      maxWaitMs: 5000,
    });
    const controller = new AbortController();
    await limiter.run(new Callback(() => 1), { signal: controller.signal });
    const waiting = limiter.run(new Callback(() => 2), { signal: controller.signal });

    await clock.runAll();

    await expect(waiting).resolves.toBe(2);
    expect(abortListenerCount(controller.signal)).toBe(0);
  });

  it('emits queued and started', async () => {
    const { limiter, clock } = createLimiter({
      slidingWindow: { maxStarts: 1, windowMs: 300 },
      maxWaitMs: 1000,
    });
    const events: unknown[] = [];
    limiter.events.on('queued', (event) => events.push(['queued', event]));
    limiter.events.on('started', (event) => events.push(['started', event]));

    const calls = [limiter.run(new Callback(() => 1)), limiter.run(new Callback(() => 2))];
    await clock.runAll();
    await Promise.all(calls);

    expect(events).toEqual([
      ['started', { key: undefined, waitedMs: 0, operationId: undefined }],
      ['queued', { key: undefined, queuedCount: 1, operationId: undefined }],
      ['started', { key: undefined, waitedMs: 300, operationId: undefined }],
    ]);
  });

  it('limits each key apart', async () => {
    const { limiter } = createLimiter({
      tokenBucket: { capacity: 1, refillPerSecond: 1 },
      keyOf: byTenant,
    });

    await expect(limiter.run(new TenantOperation('a'))).resolves.toBe('a');
    await expect(limiter.run(new TenantOperation('b'))).resolves.toBe('b');
    const error: unknown = await limiter
      .run(new TenantOperation('a'))
      .catch((reason: unknown) => reason);

    expect(error).toMatchObject({ code: 'ERR_RATE_LIMITED', key: 'a', retryAfterMs: 1000 });
    expect(limiter.keyCount).toBe(2);
  });

  it('keeps memory bounded with many keys', async () => {
    const { limiter, clock } = createLimiter({
      slidingWindow: { maxStarts: 2, windowMs: 10 },
      keyOf: byTenant,
      maxKeys: 50,
    });

    for (let index = 0; index < 5000; index++) {
      await limiter.run(new TenantOperation(`tenant-${index}`));
      expect(limiter.keyCount).toBeLessThanOrEqual(50);
      await clock.advance(1);
    }

    expect(limiter.keyCount).toBe(50);
  });

  it('keeps limits of keys in use', async () => {
    const { limiter, clock } = createLimiter({
      slidingWindow: { maxStarts: 1, windowMs: 1000 },
      keyOf: byTenant,
      maxKeys: 2,
    });
    await limiter.run(new TenantOperation('a'));
    await clock.advance(100);
    await limiter.run(new TenantOperation('b'));

    await expect(limiter.run(new TenantOperation('c'))).rejects.toMatchObject({
      reason: 'too-many-keys',
      key: 'c',
      retryAfterMs: 900,
    });
    await expect(limiter.run(new TenantOperation('a'))).rejects.toMatchObject({
      reason: 'limit-reached',
    });
    await clock.advance(900);
    // The rejected call for `a` made `a` the most recently used key, so room comes when `b`,
    // which started at 100, leaves its window.
    await expect(limiter.run(new TenantOperation('c'))).rejects.toMatchObject({
      reason: 'too-many-keys',
      retryAfterMs: 100,
    });
    await clock.advance(100);
    await expect(limiter.run(new TenantOperation('c'))).resolves.toBe('c');
    expect(limiter.keyCount).toBe(2);
  });

  it('keeps a strict window per key', async () => {
    // Blocks of calls per tenant let keys go idle and be replaced; interleaved tenants keep
    // more keys in use than `maxKeys`.
    const patterns: [string, (index: number) => string, (index: number) => number][] = [
      [
        'blocks',
        (index) => `t${Math.floor(index / 10) % 5}`,
        (index) => (index % 10 === 9 ? 150 : index % 5),
      ],
      ['interleaved', (index) => `t${index % 4}`, (index) => index % 3],
    ];
    for (const [pattern, tenantOf, gapAfter] of patterns) {
      const { limiter, clock } = createLimiter({
        slidingWindow: { maxStarts: 3, windowMs: 100 },
        keyOf: byTenant,
        maxKeys: 3,
        maxWaitMs: 250,
      });
      const starts = new Map<string, number[]>();
      const calls: Promise<unknown>[] = [];
      for (let index = 0; index < 600; index++) {
        const tenant = tenantOf(index);
        const operation = new Callback(() => {
          starts.set(tenant, [...(starts.get(tenant) ?? []), clock.now()]);
        });
        Object.assign(operation, { tenant });
        calls.push(limiter.run(operation).catch(() => undefined));
        await clock.advance(gapAfter(index));
      }
      await clock.runAll();
      await Promise.all(calls);

      if (pattern === 'blocks') {
        expect(starts.size).toBeGreaterThan(3);
      }
      for (const times of starts.values()) {
        expectStrictWindow(times, 3, 100);
      }
      expect(limiter.keyCount).toBeLessThanOrEqual(3);
      expect(clock.pendingTimers).toBe(0);
    }
  });

  it('rejects a key that is not a string', async () => {
    const { limiter } = createLimiter({
      tokenBucket: { capacity: 1, refillPerSecond: 1 },
      keyOf: () => 42 as never,
    });

    await expect(limiter.run(new Callback(() => 1))).rejects.toThrow(
      /RateLimitedOperationRunner: `keyOf` must return a string, returned 42/,
    );
  });

  it('rejects when keyOf throws', async () => {
    const failure = new Error('no tenant');
    const { limiter } = createLimiter({
      tokenBucket: { capacity: 1, refillPerSecond: 1 },
      keyOf: () => {
        throw failure;
      },
    });

    await expect(limiter.run(new Callback(() => 1))).rejects.toBe(failure);
  });

  it('passes the signal and attempt', async () => {
    const { limiter } = createLimiter({ tokenBucket: { capacity: 1, refillPerSecond: 1 } });
    const controller = new AbortController();

    const context = await limiter.run(new Callback((received) => received), {
      signal: controller.signal,
      attempt: 2,
    });

    expect(context.signal).toBe(controller.signal);
    expect(context.attempt).toBe(2);
  });

  it('rejects an already aborted call', async () => {
    const { limiter, clock } = createLimiter({ tokenBucket: { capacity: 1, refillPerSecond: 1 } });
    const { operation, starts } = startRecorder(clock);
    const reason = new Error('aborted before');

    await expect(limiter.run(operation, { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );

    await expect(limiter.run(operation)).resolves.toBe(0);
    expect(starts).toEqual([0]);
  });

  it('rejects invalid calls', async () => {
    const { limiter } = createLimiter({ tokenBucket: { capacity: 1, refillPerSecond: 1 } });

    await expect(limiter.run({} as never)).rejects.toThrow(
      /RateLimitedOperationRunner.run: `operation` must be an operation/,
    );
    await expect(limiter.run(new Callback(() => 1), { signal: {} as never })).rejects.toThrow(
      TypeError,
    );
  });

  it('turns a synchronous throw into a rejection', async () => {
    const failure = new Error('thrown at once');
    const throwing: OperationRunner = {
      run: () => {
        throw failure;
      },
    };
    const limiter = new RateLimitedOperationRunner(throwing, {
      tokenBucket: { capacity: 1, refillPerSecond: 1 },
    });

    await expect(limiter.run(new Callback(() => 1))).rejects.toBe(failure);
  });

  it('rejects invalid options', () => {
    const runner = new SimpleOperationRunner();
    const bucket = { capacity: 1, refillPerSecond: 1 };
    const cases: [unknown, unknown, RegExp][] = [
      [
        undefined,
        { tokenBucket: bucket },
        /`runner` must be an operation runner.*received undefined/,
      ],
      [runner, 7, /`options` must be an object, received 7/],
      [runner, {}, /give exactly one of `tokenBucket` .* and `slidingWindow` .*received neither/],
      [
        runner,
        { tokenBucket: bucket, slidingWindow: { maxStarts: 1, windowMs: 1 } },
        /received both/,
      ],
      [runner, { tokenBucket: 5 }, /`tokenBucket` must be an object, received 5/],
      [
        runner,
        { tokenBucket: { capacity: 0, refillPerSecond: 1 } },
        /`tokenBucket.capacity` must be an integer from 1 to 1000000000, received 0/,
      ],
      [
        runner,
        { tokenBucket: { capacity: 1, refillPerSecond: -1 } },
        /`tokenBucket.refillPerSecond` must be a number from 0.000001 to 1000000000, received -1/,
      ],
      [
        runner,
        { slidingWindow: { maxStarts: 1, windowMs: 0 } },
        /`slidingWindow.windowMs` must be a number from 1 to 2147483647, received 0/,
      ],
      [
        runner,
        { slidingWindow: { maxStarts: NaN, windowMs: 10 } },
        /`slidingWindow.maxStarts` .*received NaN/,
      ],
      [
        runner,
        { tokenBucket: bucket, maxWaitMs: -1 },
        /`maxWaitMs` must be a number from 0 up to Infinity, received -1/,
      ],
      [runner, { tokenBucket: bucket, maxWaitMs: NaN }, /`maxWaitMs` .*received NaN/],
      [
        runner,
        { tokenBucket: bucket, keyOf: 'tenant' },
        /`keyOf` must be a function, received "tenant"/,
      ],
      [
        runner,
        { tokenBucket: bucket, maxKeys: 0 },
        /`maxKeys` must be an integer from 1 .*received 0/,
      ],
      [runner, { tokenBucket: bucket, maxKeys: 2.5 }, /`maxKeys` .*received 2.5/],
      [runner, { tokenBucket: bucket, clock: Date }, /`clock` must be a clock/],
    ];
    for (const [inner, options, message] of cases) {
      const create = (): unknown =>
        new RateLimitedOperationRunner(inner as never, options as never);
      expect(create).toThrow(/^RateLimitedOperationRunner: /);
      expect(create).toThrow(message);
    }
  });
});
