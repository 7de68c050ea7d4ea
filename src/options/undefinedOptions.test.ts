import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { resolveSqliteOptions } from '../adapters/sqlite/SqliteOperationBufferOptions.js';
import type { SqliteOperationBufferOptions } from '../adapters/sqlite/SqliteOperationBufferOptions.js';
import type { Backoff } from '../backoff/Backoff.js';
import { ConstantBackoff, type ConstantBackoffOptions } from '../backoff/ConstantBackoff.js';
import {
  DecorrelatedJitterBackoff,
  type DecorrelatedJitterBackoffOptions,
} from '../backoff/DecorrelatedJitterBackoff.js';
import {
  ExponentialBackoff,
  type ExponentialBackoffOptions,
} from '../backoff/ExponentialBackoff.js';
import { JitterBackoff, type JitterBackoffOptions } from '../backoff/JitterBackoff.js';
import { LinearBackoff, type LinearBackoffOptions } from '../backoff/LinearBackoff.js';
import { MaxDelayBackoff } from '../backoff/MaxDelayBackoff.js';
import { MaxElapsedBackoff } from '../backoff/MaxElapsedBackoff.js';
import { MaxRetriesBackoff } from '../backoff/MaxRetriesBackoff.js';
import { drawDelays } from '../backoff/drawDelays.testkit.js';
import {
  ConsecutiveFailuresStrategy,
  type ConsecutiveFailuresStrategyOptions,
} from '../breaker/ConsecutiveFailuresStrategy.js';
import {
  CountWindowStrategy,
  type CountWindowStrategyOptions,
} from '../breaker/CountWindowStrategy.js';
import {
  TimeWindowStrategy,
  type TimeWindowStrategyOptions,
} from '../breaker/TimeWindowStrategy.js';
import type { RequeueOptions } from '../buffer/DeadLetterBuffer.js';
import { summarizeError } from '../buffer/ErrorSummary.js';
import {
  InMemoryKeyedOperationBuffer,
  type InMemoryKeyedOperationBufferOptions,
} from '../buffer/InMemoryKeyedOperationBuffer.js';
import type { TimerOptions } from '../clock/Clock.js';
import { systemClock } from '../clock/SystemClock.js';
import { VirtualClock, type VirtualClockOptions } from '../clock/VirtualClock.js';
import type { BufferedOperationErrorDetails } from '../errors/BufferedOperationError.js';
import { Callback } from '../operation/Callback.js';
import type { Operation } from '../operation/Operation.js';
import { OperationRegistry, type NamedOperationOptions } from '../operation/OperationRegistry.js';
import { ManualOperation, track } from '../queue/ManualOperation.testkit.js';
import { TokenBucketLimiter } from '../rateLimit/TokenBucketLimiter.js';
import {
  resolveBufferedOptions,
  type BufferedOperationRunnerOptions,
  type DeadLetterPolicy,
} from '../runner/BufferedOperationRunnerOptions.js';
import { BulkheadOperationRunner } from '../runner/BulkheadOperationRunner.js';
import type { BulkheadOperationRunnerOptions } from '../runner/BulkheadOperationRunnerOptions.js';
import { CircuitBreakerOperationRunner } from '../runner/CircuitBreakerOperationRunner.js';
import type { CircuitBreakerOperationRunnerOptions } from '../runner/CircuitBreakerOperationRunnerOptions.js';
import { FallbackOperationRunner } from '../runner/FallbackOperationRunner.js';
import type { FallbackOperationRunnerOptions } from '../runner/FallbackOperationRunnerOptions.js';
import { RateLimitedOperationRunner } from '../runner/RateLimitedOperationRunner.js';
import type { RateLimitedOperationRunnerOptions } from '../runner/RateLimitedOperationRunnerOptions.js';
import { RetryOperationRunner } from '../runner/RetryOperationRunner.js';
import type { RetryOperationRunnerOptions } from '../runner/RetryOperationRunnerOptions.js';
import { SimpleOperationRunner } from '../runner/SimpleOperationRunner.js';
import { TimeoutOperationRunner } from '../runner/TimeoutOperationRunner.js';
import type { TimeoutOperationRunnerOptions } from '../runner/TimeoutOperationRunnerOptions.js';
import { NullWaiter } from '../waiter/NullWaiter.js';

// Every optional option of every constructor is listed below: the tables are typed so that an
// option missing from them fails the type check. Each row checks that the option given as
// `undefined` behaves as the default, and that another value behaves differently, so that the
// probe is known to observe that option.

/** The optional keys of `T`. */
type OptionalKeys<T> = {
  [Key in keyof T]-?: T extends Record<Key, T[Key]> ? never : Key;
}[keyof T];

/** The optional keys of `T` whose type leaves out `undefined`. */
type KeysWithoutUndefined<T> = {
  [Key in OptionalKeys<T>]: undefined extends Required<Pick<T, Key>>[Key] ? never : Key;
}[OptionalKeys<T>];

/** The time and timers of `systemClock`, moved by the test. */
let systemTime: VirtualClock;
/** The number of calls to `systemClock` so far. */
let systemCalls = 0;

beforeEach(() => {
  systemTime = new VirtualClock({ startAt: 1_000_000 });
  systemCalls = 0;
  vi.spyOn(systemClock, 'now').mockImplementation(() => {
    systemCalls++;
    return systemTime.now();
  });
  vi.spyOn(systemClock, 'setTimeout').mockImplementation((callback, delayMs, options) => {
    systemCalls++;
    return systemTime.setTimeout(callback, delayMs, options);
  });
  vi.spyOn(systemClock, 'clearTimeout').mockImplementation((handle) => {
    systemTime.clearTimeout(handle);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** One row: an option, another value for it, and the options it is added to. */
interface OptionCase<Options> {
  /** A value other than the default, which the probe must tell apart from the default. */
  readonly other: unknown;
  /** The options the row starts from, when not the component's. */
  readonly base?: Options;
}

interface Row {
  readonly option: string;
  readonly base: object;
  readonly other: unknown;
  readonly probe: (options: never) => unknown;
}

interface Component {
  readonly name: string;
  readonly rows: readonly Row[];
}

/** Lists a component's rows, one for each optional option, which the type requires. */
function component<Options extends object>(
  name: string,
  base: Options,
  probe: (options: Options) => unknown,
  cases: { readonly [Key in OptionalKeys<Options>]-?: OptionCase<Options> },
): Component {
  const entries = Object.entries<OptionCase<Options>>(cases);
  const rows = entries.map(([option, row]) => ({
    option,
    base: row.base ?? base,
    other: row.other,
    probe,
  }));
  return { name, rows };
}

/**
 * Runs `probe` with the system clock set back to the same time. Returns the error's message in
 * place of a result when the probe throws, such as when the construction fails.
 */
async function observe(probe: Row['probe'], options: object): Promise<unknown> {
  systemTime = new VirtualClock({ startAt: 1_000_000 });
  try {
    return await probe(options as never);
  } catch (error) {
    return { thrown: error instanceof Error ? error.message : error };
  }
}

/** Returns the clock that drives a component built from `options`. */
function clockOf(options: { readonly clock?: unknown }): VirtualClock {
  return options.clock instanceof VirtualClock ? options.clock : systemTime;
}

/** Reads a tracked outcome as plain data: an error becomes its `reason` or message. */
function outcomeOf(tracked: ReturnType<typeof track>): unknown {
  const { status, value, reason } = tracked.outcome;
  if (status !== 'rejected') {
    return { status, value };
  }
  const detail = (reason as { reason?: unknown }).reason ?? (reason as Error).message;
  return { status, reason: detail };
}

function flushCallbacks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Returns the delays of `backoff`, or `'random'` when new sequences start with different ones. */
function delaysOf(backoff: Backoff): unknown {
  const firsts = Array.from({ length: 20 }, () =>
    backoff.start().next({ attempt: 1, elapsedMs: 0 }),
  );
  const delays = new Set(firsts).size > 1 ? 'random' : drawDelays(backoff, 5);
  return { maxDelayMs: backoff.maxDelayMs, delays };
}

/** The calls that `other` hooks made, which the probes report and clear. */
const hookCalls: string[] = [];

class BusyError extends Error {
  /** The wait the default `retryAfter` reads. */
  readonly retryAfterMs = 40;
}

/** An operation that throws a `BusyError` on its first `failures` attempts, then returns. */
function failingTimes(failures: number): Operation<string> {
  let attempts = 0;
  return new Callback(() => {
    attempts++;
    if (attempts <= failures) {
      throw new BusyError('busy');
    }
    return 'done';
  });
}

async function probeRetry(options: RetryOperationRunnerOptions): Promise<unknown> {
  const callsBefore = systemCalls;
  const runner = new RetryOperationRunner(new SimpleOperationRunner(), options);
  const clock = clockOf(options);
  const log: unknown[] = [];
  runner.events.on('retry', ({ attempt, delayMs }) => log.push(['retry', attempt, delayMs]));
  runner.events.on('giveUp', ({ attempts, reason }) => log.push(['giveUp', attempts, reason]));
  const results: unknown[] = [];
  for (const operation of [failingTimes(2), failingTimes(Infinity)]) {
    const startedAt = clock.now();
    const call = track(runner.run(operation));
    await clock.runAll();
    results.push({ ...(outcomeOf(call) as object), tookMs: clock.now() - startedAt });
  }
  const hooks = hookCalls.splice(0);
  return { results, log, hooks, usesSystemClock: systemCalls > callsBefore };
}

async function probeTimeout(options: TimeoutOperationRunnerOptions): Promise<unknown> {
  const callsBefore = systemCalls;
  const runner = new TimeoutOperationRunner(new SimpleOperationRunner(), options);
  const clock = clockOf(options);
  // Ignores its signal and succeeds 200 ms after it starts, after the deadline.
  const late = new Callback(
    () => new Promise((resolve) => clock.setTimeout(() => resolve('late'), 200)),
  );
  const call = track(runner.run(late));
  await clock.runAll();
  const usesSystemClock = systemCalls > callsBefore;
  return { mode: runner.mode, outcome: outcomeOf(call), usesSystemClock };
}

async function probeBulkhead(options: BulkheadOperationRunnerOptions): Promise<unknown> {
  const callsBefore = systemCalls;
  const runner = new BulkheadOperationRunner(new SimpleOperationRunner(), options);
  const clock = clockOf(options);
  const holder = new ManualOperation();
  const first = track(runner.run(holder));
  const second = track(runner.run(new Callback(() => 'second')));
  await clock.advance(1_000);
  const whileHeld = { second: outcomeOf(second), queuedCount: runner.queuedCount };
  holder.executions[0]?.resolve('first');
  await clock.runAll();
  const outcomes = [outcomeOf(first), outcomeOf(second)];
  return { whileHeld, outcomes, usesSystemClock: systemCalls > callsBefore };
}

class TenantOperation extends Callback<string> {
  constructor(readonly tenantId: string) {
    super(() => tenantId);
  }
}

const tenantOf = (operation: Operation): string =>
  operation instanceof TenantOperation ? operation.tenantId : 'none';

async function probeRateLimited(options: RateLimitedOperationRunnerOptions): Promise<unknown> {
  const callsBefore = systemCalls;
  const runner = new RateLimitedOperationRunner(new SimpleOperationRunner(), options);
  const clock = clockOf(options);
  const calls = ['a', 'b'].map((tenant) => track(runner.run(new TenantOperation(tenant))));
  await clock.runAll();
  const outcomes = calls.map(outcomeOf);
  return { outcomes, keyCount: runner.keyCount, usesSystemClock: systemCalls > callsBefore };
}

async function probeFallback(options: FallbackOperationRunnerOptions): Promise<unknown> {
  const runner = new FallbackOperationRunner(new SimpleOperationRunner(), options);
  const failing = new Callback(() => {
    throw new Error('down');
  });
  const call = track(runner.run(failing));
  await flushCallbacks();
  return outcomeOf(call);
}

/**
 * Runs a slow success, then failures until the circuit opens, then waits out the open period
 * and settles the probes one by one, recording the state after each step.
 */
async function probeBreaker(options: CircuitBreakerOperationRunnerOptions): Promise<unknown> {
  const callsBefore = systemCalls;
  const breaker = new CircuitBreakerOperationRunner(new SimpleOperationRunner(), options);
  const clock = clockOf(options);
  const states: string[] = [breaker.state];
  const slow = new Callback(
    () => new Promise((resolve) => clock.setTimeout(() => resolve('slow'), 100)),
  );
  const slowCall = breaker.run(slow);
  await clock.runAll();
  await slowCall;
  for (let call = 0; call < 6; call++) {
    const failing = new Callback(() => Promise.reject(new Error('down')));
    await breaker.run(failing).catch(() => undefined);
    states.push(breaker.state);
  }
  const opened = breaker.toJSON();
  await clock.advance(3_600_000);
  const probe = new ManualOperation();
  const probes = [track(breaker.run(probe)), track(breaker.run(probe))];
  states.push(breaker.state);
  for (const execution of probe.executions) {
    execution.resolve('probe');
    await flushCallbacks();
    states.push(breaker.state);
  }
  const admitted = probes.map((call) => outcomeOf(call));
  return { states, opened, admitted, usesSystemClock: systemCalls > callsBefore };
}

async function probeKeyedBuffer(options: InMemoryKeyedOperationBufferOptions): Promise<unknown> {
  const buffer = new InMemoryKeyedOperationBuffer(options);
  buffer.add(new Callback(() => 'kept'));
  const [entry] = buffer.heads();
  const error = summarizeError(new Error('down'));
  buffer.deadLetter(entry!, { attempts: 1, error, failedAt: 0 });
  return buffer.deadLetters().map(({ addedAt }) => addedAt);
}

const keyedBuffer = new InMemoryKeyedOperationBuffer();

function probeBufferedOptions(options: BufferedOperationRunnerOptions): unknown {
  const settings = resolveBufferedOptions(keyedBuffer, options);
  const { backoff } = settings;
  return {
    ...settings,
    clock: settings.clock === systemClock ? 'systemClock' : 'other',
    backoff: typeof backoff === 'function' ? 'function' : delaysOf(backoff),
  };
}

function probeSqliteOptions(options: SqliteOperationBufferOptions): unknown {
  const settings = resolveSqliteOptions(options);
  return { ...settings, clock: settings.clock === systemClock ? 'systemClock' : 'other' };
}

const registry = new OperationRegistry().register('echo', (payload) => payload);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function probeNamedOperation(options: NamedOperationOptions): unknown {
  const operation = registry.operation('echo', null, options);
  return {
    idIsUuid: UUID.test(operation.id),
    idempotencyKeyIsId: operation.idempotencyKey === operation.id,
    key: operation.key,
  };
}

const SNAPSHOT = { state: 'open', openCount: 1, openMs: 1_000, openedAt: 0, halfOpenAt: 1_000 };
const TOKEN_BUCKET = { capacity: 1, refillPerSecond: 1 };
const SLIDING_WINDOW = { maxStarts: 1, windowMs: 1_000 };
const fixedRandom = (): number => 0.75;

const COMPONENTS: readonly Component[] = [
  component<RetryOperationRunnerOptions>('RetryOperationRunner', {}, probeRetry, {
    maxAttempts: { other: 2 },
    backoff: { other: new MaxRetriesBackoff(new ConstantBackoff(), { maxRetries: 0 }) },
    maxDelayMs: { other: 10 },
    maxElapsedMs: { other: 50 },
    clock: { other: new VirtualClock() },
    waiter: { other: new NullWaiter() },
    shouldRetry: { other: () => false },
    shouldRetryResult: { other: () => true },
    retryAfter: { other: () => 10 },
    onRetry: { other: () => hookCalls.push('onRetry') },
    onGiveUp: { other: () => hookCalls.push('onGiveUp') },
  }),
  component<TimeoutOperationRunnerOptions>(
    'TimeoutOperationRunner',
    { timeoutMs: 100 },
    probeTimeout,
    {
      mode: { other: 'aggressive' },
      clock: { other: new VirtualClock() },
    },
  ),
  component<BulkheadOperationRunnerOptions>(
    'BulkheadOperationRunner',
    { maxConcurrent: 1 },
    probeBulkhead,
    {
      maxQueued: { other: 1 },
      maxQueueWaitMs: { other: 500, base: { maxConcurrent: 1, maxQueued: 1 } },
      clock: {
        other: new VirtualClock(),
        base: { maxConcurrent: 1, maxQueued: 1, maxQueueWaitMs: 500 },
      },
    },
  ),
  component<CircuitBreakerOperationRunnerOptions>(
    'CircuitBreakerOperationRunner',
    {},
    probeBreaker,
    {
      strategy: { other: new ConsecutiveFailuresStrategy({ failureThreshold: 2 }) },
      openMs: { other: 1_000 },
      openBackoff: { other: new ExponentialBackoff({ initialDelayMs: 5_000 }) },
      halfOpenMaxProbes: { other: 2 },
      halfOpenSuccessThreshold: { other: 2, base: { halfOpenMaxProbes: 2 } },
      slowCallMs: { other: 50 },
      shouldCountError: { other: () => false },
      clock: { other: new VirtualClock() },
      initialState: { other: SNAPSHOT },
    },
  ),
  component<RateLimitedOperationRunnerOptions>(
    'RateLimitedOperationRunner',
    { tokenBucket: TOKEN_BUCKET },
    probeRateLimited,
    {
      tokenBucket: { other: TOKEN_BUCKET, base: { slidingWindow: SLIDING_WINDOW } },
      slidingWindow: { other: SLIDING_WINDOW },
      maxWaitMs: { other: 2_000 },
      keyOf: { other: tenantOf },
      maxKeys: { other: 1, base: { tokenBucket: TOKEN_BUCKET, keyOf: tenantOf } },
      clock: { other: new VirtualClock() },
    },
  ),
  component<FallbackOperationRunnerOptions>(
    'FallbackOperationRunner',
    { fallback: 'cached' },
    probeFallback,
    {
      shouldHandle: { other: () => false },
    },
  ),
  component<BufferedOperationRunnerOptions>('BufferedOperationRunner', {}, probeBufferedOptions, {
    clock: { other: new VirtualClock() },
    backoff: { other: new ConstantBackoff({ delayMs: 5 }) },
    deadLetters: { other: true },
    pollIntervalMs: { other: 50 },
  }),
  component<DeadLetterPolicy>(
    'BufferedOperationRunner deadLetters',
    {},
    (policy: DeadLetterPolicy) => probeBufferedOptions({ deadLetters: policy }),
    {
      maxAttempts: { other: 3 },
      isFinal: { other: () => true },
    },
  ),
  component<SqliteOperationBufferOptions>(
    'SqliteOperationBuffer',
    { path: 'buffer.db', registry },
    probeSqliteOptions,
    {
      name: { other: 'orders' },
      durability: { other: 'normal' },
      busyTimeoutMs: { other: 10 },
      leaseTtlMs: { other: 1_000 },
      checkIntegrity: { other: false },
      clock: { other: new VirtualClock() },
      readOnly: { other: true },
    },
  ),
  component<InMemoryKeyedOperationBufferOptions>(
    'InMemoryKeyedOperationBuffer',
    {},
    probeKeyedBuffer,
    { clock: { other: new VirtualClock({ startAt: 5 }) } },
  ),
  component<NamedOperationOptions>('OperationRegistry.operation', {}, probeNamedOperation, {
    id: { other: 'op-1' },
    idempotencyKey: { other: 'charge-1' },
    key: { other: 'customer-1' },
  }),
  component<VirtualClockOptions>(
    'VirtualClock',
    {},
    (options: VirtualClockOptions) => new VirtualClock(options).now(),
    { startAt: { other: 5 } },
  ),
  component<ConstantBackoffOptions>(
    'ConstantBackoff',
    {},
    (options: ConstantBackoffOptions) => delaysOf(new ConstantBackoff(options)),
    { delayMs: { other: 5 } },
  ),
  component<LinearBackoffOptions>(
    'LinearBackoff',
    {},
    (options: LinearBackoffOptions) => delaysOf(new LinearBackoff(options)),
    {
      initialDelayMs: { other: 50 },
      incrementMs: { other: 10 },
      maxDelayMs: { other: 1_000 },
    },
  ),
  component<ExponentialBackoffOptions>(
    'ExponentialBackoff',
    {},
    (options: ExponentialBackoffOptions) => delaysOf(new ExponentialBackoff(options)),
    {
      initialDelayMs: { other: 50 },
      factor: { other: 3 },
      maxDelayMs: { other: 1_000 },
    },
  ),
  component<JitterBackoffOptions>(
    'JitterBackoff',
    { random: fixedRandom },
    (options: JitterBackoffOptions) =>
      delaysOf(new JitterBackoff(new ConstantBackoff({ delayMs: 100 }), options)),
    {
      ratio: { other: 0 },
      random: { other: fixedRandom, base: {} },
    },
  ),
  component<DecorrelatedJitterBackoffOptions>(
    'DecorrelatedJitterBackoff',
    { random: fixedRandom },
    (options: DecorrelatedJitterBackoffOptions) => delaysOf(new DecorrelatedJitterBackoff(options)),
    {
      initialDelayMs: { other: 50 },
      factor: { other: 2 },
      maxDelayMs: { other: 1_000 },
      random: { other: fixedRandom, base: {} },
    },
  ),
  component<ConsecutiveFailuresStrategyOptions>(
    'ConsecutiveFailuresStrategy',
    {},
    (options: ConsecutiveFailuresStrategyOptions) =>
      new ConsecutiveFailuresStrategy(options).failureThreshold,
    { failureThreshold: { other: 2 } },
  ),
  component<CountWindowStrategyOptions>(
    'CountWindowStrategy',
    {},
    (options: CountWindowStrategyOptions) => {
      const { windowSize, minimumCalls, failureRateThreshold } = new CountWindowStrategy(options);
      return { windowSize, minimumCalls, failureRateThreshold };
    },
    {
      windowSize: { other: 10 },
      minimumCalls: { other: 5 },
      failureRateThreshold: { other: 0.25 },
    },
  ),
  component<TimeWindowStrategyOptions>(
    'TimeWindowStrategy',
    {},
    (options: TimeWindowStrategyOptions) => {
      const strategy = new TimeWindowStrategy(options);
      const { windowMs, bucketCount, minimumCalls, failureRateThreshold } = strategy;
      return { windowMs, bucketCount, minimumCalls, failureRateThreshold };
    },
    {
      windowMs: { other: 30_000 },
      bucketCount: { other: 5 },
      minimumCalls: { other: 5 },
      failureRateThreshold: { other: 0.25 },
    },
  ),
];

describe.each(COMPONENTS)('$name', ({ rows }) => {
  it.each(rows)('takes the default for undefined $option', async (row) => {
    const withDefault = await observe(row.probe, row.base);

    const withUndefined = await observe(row.probe, { ...row.base, [row.option]: undefined });
    const withOther = await observe(row.probe, { ...row.base, [row.option]: row.other });

    expect(withUndefined).toEqual(withDefault);
    expect(withOther).not.toEqual(withDefault);
  });
});

describe('option types', () => {
  it('find an optional option without undefined', () => {
    interface Example {
      readonly strict?: number;
      readonly loose?: number | undefined;
      readonly required: number;
    }

    expectTypeOf<KeysWithoutUndefined<Example>>().toEqualTypeOf<'strict'>();
  });

  it('accept undefined for every optional option', () => {
    expectTypeOf<KeysWithoutUndefined<RetryOperationRunnerOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<TimeoutOperationRunnerOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<BulkheadOperationRunnerOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<CircuitBreakerOperationRunnerOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<RateLimitedOperationRunnerOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<FallbackOperationRunnerOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<BufferedOperationRunnerOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<DeadLetterPolicy>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<SqliteOperationBufferOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<InMemoryKeyedOperationBufferOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<NamedOperationOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<RequeueOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<VirtualClockOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<TimerOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<ConstantBackoffOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<LinearBackoffOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<ExponentialBackoffOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<JitterBackoffOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<DecorrelatedJitterBackoffOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<ConsecutiveFailuresStrategyOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<CountWindowStrategyOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<TimeWindowStrategyOptions>>().toBeNever();
    expectTypeOf<KeysWithoutUndefined<BufferedOperationErrorDetails>>().toBeNever();
  });
});

const inner = new SimpleOperationRunner();

/** A component, an option, and a function that builds the component with a bad value. */
type RejectionCase = readonly [component: string, option: string, create: () => unknown];

describe('required options', () => {
  it.each<RejectionCase>([
    [
      'TimeoutOperationRunner',
      'timeoutMs',
      () => new TimeoutOperationRunner(inner, { timeoutMs: undefined as never }),
    ],
    [
      'BulkheadOperationRunner',
      'maxConcurrent',
      () => new BulkheadOperationRunner(inner, { maxConcurrent: undefined as never }),
    ],
    [
      'MaxDelayBackoff',
      'maxDelayMs',
      () => new MaxDelayBackoff(new ConstantBackoff(), { maxDelayMs: undefined as never }),
    ],
    [
      'MaxElapsedBackoff',
      'maxElapsedMs',
      () => new MaxElapsedBackoff(new ConstantBackoff(), { maxElapsedMs: undefined as never }),
    ],
    [
      'MaxRetriesBackoff',
      'maxRetries',
      () => new MaxRetriesBackoff(new ConstantBackoff(), { maxRetries: undefined as never }),
    ],
    [
      'TokenBucketLimiter',
      'options.capacity',
      () => new TokenBucketLimiter({ capacity: undefined as never, refillPerSecond: 1 }),
    ],
    [
      'SqliteOperationBuffer',
      'path',
      () => resolveSqliteOptions({ path: undefined as never, registry }),
    ],
  ])('%s rejects undefined %s', (component, option, create) => {
    expect(create).toThrow(TypeError);
    expect(create).toThrow(`${component}: \`${option}\` must be`);
    expect(create).toThrow('received undefined.');
  });
});

describe('null options', () => {
  it.each<RejectionCase>([
    [
      'RetryOperationRunner',
      'maxAttempts',
      () => new RetryOperationRunner(inner, nulled('maxAttempts')),
    ],
    [
      'TimeoutOperationRunner',
      'mode',
      () => new TimeoutOperationRunner(inner, nulled('mode', { timeoutMs: 100 })),
    ],
    [
      'BulkheadOperationRunner',
      'maxQueued',
      () => new BulkheadOperationRunner(inner, nulled('maxQueued', { maxConcurrent: 1 })),
    ],
    [
      'CircuitBreakerOperationRunner',
      'openMs',
      () => new CircuitBreakerOperationRunner(inner, nulled('openMs')),
    ],
    [
      'RateLimitedOperationRunner',
      'maxWaitMs',
      () =>
        new RateLimitedOperationRunner(inner, nulled('maxWaitMs', { tokenBucket: TOKEN_BUCKET })),
    ],
    [
      'FallbackOperationRunner',
      'shouldHandle',
      () => new FallbackOperationRunner(inner, nulled('shouldHandle', { fallback: 0 })),
    ],
    [
      'BufferedOperationRunner',
      'pollIntervalMs',
      () => resolveBufferedOptions(keyedBuffer, nulled('pollIntervalMs')),
    ],
    [
      'BufferedOperationRunner',
      'deadLetters.maxAttempts',
      () => resolveBufferedOptions(keyedBuffer, { deadLetters: nulled('maxAttempts') }),
    ],
    [
      'InMemoryKeyedOperationBuffer',
      'clock',
      () => new InMemoryKeyedOperationBuffer(nulled('clock')),
    ],
    ['OperationRegistry.operation', 'id', () => registry.operation('echo', null, nulled('id'))],
    [
      'SqliteOperationBuffer',
      'leaseTtlMs',
      () => resolveSqliteOptions(nulled('leaseTtlMs', { path: 'buffer.db', registry })),
    ],
    ['VirtualClock', 'startAt', () => new VirtualClock(nulled('startAt'))],
    ['ConstantBackoff', 'delayMs', () => new ConstantBackoff(nulled('delayMs'))],
    ['LinearBackoff', 'incrementMs', () => new LinearBackoff(nulled('incrementMs'))],
    ['ExponentialBackoff', 'factor', () => new ExponentialBackoff(nulled('factor'))],
    ['JitterBackoff', 'ratio', () => new JitterBackoff(new ConstantBackoff(), nulled('ratio'))],
    ['DecorrelatedJitterBackoff', 'factor', () => new DecorrelatedJitterBackoff(nulled('factor'))],
    [
      'ConsecutiveFailuresStrategy',
      'failureThreshold',
      () => new ConsecutiveFailuresStrategy(nulled('failureThreshold')),
    ],
    ['CountWindowStrategy', 'windowSize', () => new CountWindowStrategy(nulled('windowSize'))],
    ['CountWindowStrategy', 'minimumCalls', () => new CountWindowStrategy(nulled('minimumCalls'))],
    ['TimeWindowStrategy', 'windowMs', () => new TimeWindowStrategy(nulled('windowMs'))],
  ])('%s rejects null %s', (component, option, create) => {
    expect(create).toThrow(TypeError);
    expect(create).toThrow(`${component}: \`${option}\` must be`);
    expect(create).toThrow('received null.');
  });
});

/** `base` with `option` set to `null`, which no option accepts. */
function nulled(option: string, base: object = {}): never {
  return { ...base, [option]: null } as never;
}
