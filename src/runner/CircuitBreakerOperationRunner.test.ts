import { describe, expect, it } from 'vitest';
import { ExponentialBackoff } from '../backoff/ExponentialBackoff.js';
import { MaxRetriesBackoff } from '../backoff/MaxRetriesBackoff.js';
import type { CircuitBreakerSnapshot } from '../breaker/CircuitBreakerSnapshot.js';
import { ConsecutiveFailuresStrategy } from '../breaker/ConsecutiveFailuresStrategy.js';
import { CountWindowStrategy } from '../breaker/CountWindowStrategy.js';
import { TimeWindowStrategy } from '../breaker/TimeWindowStrategy.js';
import type { Clock } from '../clock/Clock.js';
import { VirtualClock } from '../clock/VirtualClock.js';
import { CircuitOpenError } from '../errors/CircuitOpenError.js';
import { FaultToleranceError } from '../errors/FaultToleranceError.js';
import { Callback } from '../operation/Callback.js';
import type { Operation } from '../operation/Operation.js';
import {
  flushRejections,
  ManualOperation,
  track,
  expectNoUnhandledRejections,
} from '../queue/ManualOperation.testkit.js';
import { CircuitBreakerOperationRunner } from './CircuitBreakerOperationRunner.js';
import type { CircuitBreakerOperationRunnerOptions } from './CircuitBreakerOperationRunnerOptions.js';
import type { OperationRunner } from './OperationRunner.js';
import type { RunOptions } from './RunOptions.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';
import { ThenableRunner } from './ThenableRunner.testkit.js';

expectNoUnhandledRejections();

function createBreaker(options: Omit<CircuitBreakerOperationRunnerOptions, 'clock'> = {}): {
  breaker: CircuitBreakerOperationRunner;
  clock: VirtualClock;
  events: string[];
} {
  const clock = new VirtualClock();
  const breaker = new CircuitBreakerOperationRunner(new SimpleOperationRunner(), {
    strategy: new ConsecutiveFailuresStrategy({ failureThreshold: 3 }),
    openMs: 1_000,
    ...options,
    clock,
  });
  const events: string[] = [];
  breaker.events.on('open', ({ openMs }) => events.push(`open ${openMs}`));
  breaker.events.on('halfOpen', ({ previous }) => events.push(`halfOpen from ${previous}`));
  breaker.events.on('close', ({ previous }) => events.push(`close from ${previous}`));
  breaker.events.on('isolated', () => events.push('isolated'));
  return { breaker, clock, events };
}

const succeed = new Callback(() => 'ok');
const failure = new Error('service unavailable');
const fail = new Callback(() => Promise.reject(failure));

async function failTimes(breaker: CircuitBreakerOperationRunner, times: number): Promise<void> {
  for (let index = 0; index < times; index++) {
    await breaker.run(fail).catch(() => undefined);
  }
}

describe('CircuitBreakerOperationRunner', () => {
  it('passes results through while closed', async () => {
    const { breaker } = createBreaker();

    await expect(breaker.run(succeed)).resolves.toBe('ok');
    await expect(breaker.run(fail)).rejects.toBe(failure);
    expect(breaker.state).toBe('closed');
  });

  it('opens after the strategy decides', async () => {
    const { breaker, events } = createBreaker();

    await failTimes(breaker, 2);
    expect(breaker.state).toBe('closed');
    await failTimes(breaker, 1);

    expect(breaker.state).toBe('open');
    expect(events).toEqual(['open 1000']);
  });

  it('rejects without running while open', async () => {
    const { breaker, clock } = createBreaker();
    const rejected: unknown[] = [];
    breaker.events.on('rejected', (payload) => rejected.push(payload));
    await failTimes(breaker, 3);
    await clock.advance(400);
    let executions = 0;

    const result = breaker.run(new Callback(() => executions++));

    const error = (await result.catch((caught: unknown) => caught)) as CircuitOpenError;
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error.state).toBe('open');
    expect(error.halfOpenAt).toBe(1_000);
    expect(error.retryAfterMs).toBe(600);
    expect(executions).toBe(0);
    expect(rejected).toEqual([{ state: 'open', retryAfterMs: 600, operationId: undefined }]);
  });

  it('half-opens when the open period ends', async () => {
    const { breaker, clock, events } = createBreaker();
    await failTimes(breaker, 3);

    await clock.advance(999);
    await expect(breaker.run(succeed)).rejects.toBeInstanceOf(CircuitOpenError);
    await clock.advance(1);
    await expect(breaker.run(succeed)).resolves.toBe('ok');

    expect(breaker.state).toBe('closed');
    expect(events).toEqual(['open 1000', 'halfOpen from open', 'close from halfOpen']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('reports half-open on read', async () => {
    const { breaker, clock, events } = createBreaker();
    await failTimes(breaker, 3);

    await clock.advance(1_000);

    expect(breaker.state).toBe('halfOpen');
    expect(events).toEqual(['open 1000', 'halfOpen from open']);
  });

  it('admits only the configured probes', async () => {
    const { breaker, clock } = createBreaker({ halfOpenMaxProbes: 3 });
    await failTimes(breaker, 3);
    await clock.advance(1_000);
    const operation = new ManualOperation();

    const calls = Array.from({ length: 300 }, () => track(breaker.run(operation)));
    await flushRejections();

    expect(operation.executions).toHaveLength(3);
    const rejected = calls.filter((call) => call.outcome.status === 'rejected');
    expect(rejected).toHaveLength(297);
    for (const call of rejected) {
      expect(call.outcome.reason).toBeInstanceOf(CircuitOpenError);
      expect((call.outcome.reason as CircuitOpenError).state).toBe('halfOpen');
    }
  });

  it('closes after enough probe successes', async () => {
    const { breaker, clock, events } = createBreaker({
      halfOpenMaxProbes: 3,
      halfOpenSuccessThreshold: 2,
    });
    await failTimes(breaker, 3);
    await clock.advance(1_000);
    const operation = new ManualOperation();
    const probes = [breaker.run(operation), breaker.run(operation), breaker.run(operation)];
    await flushRejections();

    operation.executions[0]!.resolve('first');
    await flushRejections();
    expect(breaker.state).toBe('halfOpen');
    operation.executions[1]!.resolve('second');
    await flushRejections();

    expect(breaker.state).toBe('closed');
    expect(events.at(-1)).toBe('close from halfOpen');
    operation.executions[2]!.reject(new Error('late probe failure'));
    await Promise.allSettled(probes);
    expect(breaker.state).toBe('closed');
  });

  it('reopens on a failed probe', async () => {
    const { breaker, clock, events } = createBreaker();
    await failTimes(breaker, 3);
    await clock.advance(1_000);

    await expect(breaker.run(fail)).rejects.toBe(failure);

    expect(breaker.state).toBe('open');
    expect(events).toEqual(['open 1000', 'halfOpen from open', 'open 1000']);
  });

  it('grows the open period with a backoff', async () => {
    const { breaker, clock, events } = createBreaker({
      openBackoff: new ExponentialBackoff({ initialDelayMs: 100, factor: 2, maxDelayMs: 350 }),
    });
    const opens = (): string[] => events.filter((event) => event.startsWith('open'));
    await failTimes(breaker, 3);
    for (const openMs of [100, 200, 350]) {
      await clock.advance(openMs);
      await breaker.run(fail).catch(() => undefined);
    }
    expect(opens()).toEqual(['open 100', 'open 200', 'open 350', 'open 350']);

    await clock.advance(350);
    await breaker.run(succeed);
    await failTimes(breaker, 3);

    expect(opens().at(-1)).toBe('open 100');
  });

  it('keeps the last delay after a backoff stops', async () => {
    const { breaker, clock, events } = createBreaker({
      openBackoff: new MaxRetriesBackoff(new ExponentialBackoff({ initialDelayMs: 100 }), {
        maxRetries: 2,
      }),
    });
    await failTimes(breaker, 3);
    for (const openMs of [100, 200, 200]) {
      await clock.advance(openMs);
      await breaker.run(fail).catch(() => undefined);
    }

    expect(events.filter((event) => event.startsWith('open'))).toEqual([
      'open 100',
      'open 200',
      'open 200',
      'open 200',
    ]);
  });

  it('ignores results from an earlier state', async () => {
    const { breaker, clock, events } = createBreaker();
    const slow = new ManualOperation();
    const slowCalls = Array.from({ length: 200 }, () => track(breaker.run(slow)));
    await failTimes(breaker, 3);
    await clock.advance(1_000);
    const probe = new ManualOperation();
    const probeCall = track(breaker.run(probe));
    await flushRejections();
    expect(breaker.state).toBe('halfOpen');

    slow.executions.slice(0, 100).forEach((execution) => execution.reject(new Error('late')));
    slow.executions.slice(100).forEach((execution) => execution.resolve('late'));
    await flushRejections();

    expect(breaker.state).toBe('halfOpen');
    expect(events).toEqual(['open 1000', 'halfOpen from open']);
    await expect(breaker.run(succeed)).rejects.toBeInstanceOf(CircuitOpenError);
    probe.executions[0]!.resolve('probe');
    await flushRejections();
    expect(probeCall.outcome.value).toBe('probe');
    expect(breaker.state).toBe('closed');
    expect(slowCalls.every((call) => call.outcome.status !== 'pending')).toBe(true);
  });

  it('opens once under concurrent failures', async () => {
    const { breaker, events } = createBreaker();
    const counted: boolean[] = [];
    breaker.events.on('failure', (payload) => counted.push(payload.counted));
    const operation = new ManualOperation();
    const calls = Array.from({ length: 300 }, () => track(breaker.run(operation)));
    await flushRejections();

    operation.executions.forEach((execution) => execution.reject(new Error('down')));
    await Promise.allSettled(calls.map((call) => call.promise));

    expect(events).toEqual(['open 1000']);
    expect(counted.filter(Boolean)).toHaveLength(3);
    expect(counted).toHaveLength(300);
  });

  it('starts a new probe round after a hung probe', async () => {
    const { breaker, clock, events } = createBreaker();
    await failTimes(breaker, 3);
    await clock.advance(1_000);
    const hung = new ManualOperation();
    const hungCall = track(breaker.run(hung));
    await clock.advance(999);
    const rejection = await breaker.run(succeed).catch((error: unknown) => error);
    expect((rejection as CircuitOpenError).retryAfterMs).toBe(1);
    await clock.advance(1);

    await expect(breaker.run(succeed)).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
    hung.executions[0]!.reject(new Error('finally failed'));
    await flushRejections();

    expect(hungCall.outcome.status).toBe('rejected');
    expect(breaker.state).toBe('closed');
    expect(events).toEqual([
      'open 1000',
      'halfOpen from open',
      'halfOpen from halfOpen',
      'close from halfOpen',
    ]);
  });

  it('does not count a caller abort', async () => {
    const { breaker, clock } = createBreaker();
    const counted: boolean[] = [];
    breaker.events.on('failure', (payload) => counted.push(payload.counted));
    const aborting = (): Promise<unknown> => {
      const controller = new AbortController();
      const operation = new Callback(({ signal }) => {
        controller.abort(new Error('caller gave up'));
        return Promise.reject(signal.reason as Error);
      });
      return breaker.run(operation, { signal: controller.signal }).catch(() => undefined);
    };

    for (let index = 0; index < 5; index++) {
      await aborting();
    }
    expect(breaker.state).toBe('closed');
    await failTimes(breaker, 3);
    await clock.advance(1_000);
    await aborting();

    expect(breaker.state).toBe('halfOpen');
    await expect(breaker.run(succeed)).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
    expect(counted).toEqual([false, false, false, false, false, true, true, true, false]);
  });

  it('rejects an aborted signal with its reason', async () => {
    const { breaker } = createBreaker();
    const rejected: string[] = [];
    breaker.events.on('rejected', ({ state }) => rejected.push(state));
    await failTimes(breaker, 3);
    const reason = new Error('caller gave up');
    const signal = AbortSignal.abort(reason);

    await expect(breaker.run(succeed, { signal })).rejects.toBe(reason);

    expect(rejected).toEqual([]);
    expect(breaker.state).toBe('open');
  });

  it('counts only errors shouldCountError accepts', async () => {
    const ignored = new RangeError('not found');
    const { breaker } = createBreaker({
      shouldCountError: (error) => !(error instanceof RangeError),
    });
    const notFound = new Callback(() => Promise.reject(ignored));

    await failTimes(breaker, 2);
    await expect(breaker.run(notFound)).rejects.toBe(ignored);
    await failTimes(breaker, 2);

    expect(breaker.state).toBe('closed');
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('open');
  });

  it('rejects with a throwing predicate error', async () => {
    const predicateError = new Error('predicate bug');
    const { breaker } = createBreaker({
      shouldCountError: () => {
        throw predicateError;
      },
    });

    await expect(breaker.run(fail)).rejects.toBe(predicateError);
    await failTimes(breaker, 2);
    expect(breaker.state).toBe('open');
  });

  it('counts slow calls as failures', async () => {
    const { breaker, clock } = createBreaker({ slowCallMs: 100 });
    const slowValues: boolean[] = [];
    breaker.events.on('success', ({ slow }) => slowValues.push(slow));
    const slowCall = async (ms: number): Promise<unknown> => {
      const operation = new ManualOperation();
      const call = breaker.run(operation);
      await clock.advance(ms);
      operation.executions[0]!.resolve(`took ${ms}`);
      return call;
    };

    await expect(slowCall(100)).resolves.toBe('took 100');
    for (let index = 0; index < 3; index++) {
      await expect(slowCall(101)).resolves.toBe('took 101');
    }

    expect(breaker.state).toBe('open');
    expect(slowValues).toEqual([false, true, true, true]);
  });

  it('opens on a count window rate', async () => {
    const { breaker } = createBreaker({
      strategy: new CountWindowStrategy({
        windowSize: 10,
        minimumCalls: 4,
        failureRateThreshold: 0.5,
      }),
    });

    await breaker.run(succeed);
    await breaker.run(succeed);
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('closed');
    await failTimes(breaker, 1);

    expect(breaker.state).toBe('open');
  });

  it('opens on a time window rate', async () => {
    const { breaker, clock } = createBreaker({
      strategy: new TimeWindowStrategy({ windowMs: 1_000, bucketCount: 10, minimumCalls: 3 }),
    });

    await failTimes(breaker, 2);
    await clock.advance(1_000);
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('closed');
    await failTimes(breaker, 2);

    expect(breaker.state).toBe('open');
  });

  it('stays isolated until reset', async () => {
    const { breaker, clock, events } = createBreaker();

    breaker.isolate();
    await clock.advance(1_000_000);
    const error = (await breaker
      .run(succeed)
      .catch((caught: unknown) => caught)) as CircuitOpenError;

    expect(error.state).toBe('isolated');
    expect(error.halfOpenAt).toBeUndefined();
    expect(error.retryAfterMs).toBeUndefined();
    expect(breaker.state).toBe('isolated');
    breaker.reset();
    expect(breaker.state).toBe('closed');
    await expect(breaker.run(succeed)).resolves.toBe('ok');
    expect(events).toEqual(['isolated', 'close from isolated']);
  });

  it('ends the open period after reset', async () => {
    const { breaker, clock } = createBreaker();
    await failTimes(breaker, 3);
    breaker.isolate();
    breaker.reset();
    await failTimes(breaker, 3);
    expect(breaker.state).toBe('open');

    await clock.advance(1_000);

    await expect(breaker.run(succeed)).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
    expect(clock.pendingTimers).toBe(0);
  });

  it('forgets counts on reset', async () => {
    const { breaker } = createBreaker();
    await failTimes(breaker, 2);

    breaker.reset();
    await failTimes(breaker, 2);

    expect(breaker.state).toBe('closed');
  });

  it('ignores results from before a reset', async () => {
    const { breaker } = createBreaker();
    const operation = new ManualOperation();
    const calls = Array.from({ length: 3 }, () => breaker.run(operation));
    await flushRejections();

    breaker.reset();
    operation.executions.forEach((execution) => execution.reject(new Error('before reset')));
    await Promise.allSettled(calls);

    expect(breaker.state).toBe('closed');
  });

  it('restores a saved state', async () => {
    const { breaker, clock } = createBreaker();
    await failTimes(breaker, 2);
    const closed = JSON.parse(JSON.stringify(breaker)) as CircuitBreakerSnapshot;
    await failTimes(breaker, 1);
    await clock.advance(300);
    const open = JSON.parse(JSON.stringify(breaker.toJSON())) as typeof closed;

    const fromClosed = createBreaker({ initialState: closed }).breaker;
    await failTimes(fromClosed, 1);
    expect(fromClosed.state).toBe('open');

    const restored = createBreaker({ initialState: open });
    await restored.clock.advance(999);
    expect(restored.breaker.state).toBe('open');
    await restored.clock.advance(1);
    expect(restored.breaker.state).toBe('halfOpen');
  });

  it('bounds a restored open period', async () => {
    const { breaker, clock } = createBreaker({
      initialState: { state: 'open', openCount: 1, openMs: 1_000, openedAt: 0, halfOpenAt: 9e12 },
    });

    expect(breaker.state).toBe('open');
    await clock.advance(1_000);

    expect(breaker.state).toBe('halfOpen');
  });

  it('bounds open period after clock set back', async () => {
    let now = 5_000_000;
    const clock: Clock = {
      now: () => now,
      setTimeout: () => ({}),
      clearTimeout: () => undefined,
    };
    const breaker = new CircuitBreakerOperationRunner(new SimpleOperationRunner(), {
      strategy: new ConsecutiveFailuresStrategy({ failureThreshold: 1 }),
      openMs: 1_000,
      clock,
    });
    await breaker.run(fail).catch(() => undefined);

    now -= 3_600_000;
    expect(breaker.state).toBe('open');
    now += 999;
    expect(breaker.state).toBe('open');
    now += 1;

    expect(breaker.state).toBe('halfOpen');
  });

  it('restores half-open with a new round', async () => {
    const { breaker } = createBreaker({
      initialState: { state: 'halfOpen', openCount: 2, openMs: 1_000 },
    });

    await expect(breaker.run(succeed)).resolves.toBe('ok');

    expect(breaker.state).toBe('closed');
  });

  it('restores isolation', async () => {
    const { breaker, clock } = createBreaker({
      initialState: { state: 'isolated', openCount: 0 },
    });
    await clock.advance(1_000_000);

    expect(breaker.state).toBe('isolated');
    breaker.reset();
    expect(breaker.state).toBe('closed');
  });

  it('continues the backoff after a restore', async () => {
    const openBackoff = new ExponentialBackoff({ initialDelayMs: 100, factor: 2 });
    const { breaker, clock, events } = createBreaker({
      openBackoff,
      initialState: { state: 'halfOpen', openCount: 3, openMs: 400 },
    });

    await breaker.run(fail).catch(() => undefined);
    await clock.advance(800);

    expect(events).toEqual(['open 800']);
  });

  it('adopts thenable from inner runner', async () => {
    const breaker = new CircuitBreakerOperationRunner(new ThenableRunner(), {
      strategy: new ConsecutiveFailuresStrategy({ failureThreshold: 1 }),
    });

    await expect(breaker.run(succeed)).resolves.toBe('ok');
    await expect(breaker.run(fail)).rejects.toBe(failure);

    expect(breaker.state).toBe('open');
  });

  it('uses no timer', async () => {
    const { breaker, clock } = createBreaker();

    await failTimes(breaker, 3);
    expect(clock.pendingTimers).toBe(0);
    breaker.isolate();
    breaker.reset();

    expect(clock.pendingTimers).toBe(0);
  });

  it('passes the run options through', async () => {
    const received: (RunOptions | undefined)[] = [];
    const inner: OperationRunner = {
      run: <T>(operation: Operation<T>, options?: RunOptions): Promise<T> => {
        received.push(options);
        return new SimpleOperationRunner().run(operation, options);
      },
    };
    const breaker = new CircuitBreakerOperationRunner(inner);
    const options = { attempt: 2, signal: new AbortController().signal };

    await breaker.run(succeed, options);

    expect(received).toEqual([options]);
  });

  it('rejects invalid run input uncounted', async () => {
    const { breaker } = createBreaker();

    for (let index = 0; index < 5; index++) {
      await expect(breaker.run({} as Operation)).rejects.toThrow(TypeError);
      await expect(breaker.run(succeed, 'fast' as RunOptions)).rejects.toThrow(TypeError);
      await expect(breaker.run(succeed, { signal: {} as AbortSignal })).rejects.toThrow(
        /`signal` must be an AbortSignal/,
      );
    }

    expect(breaker.state).toBe('closed');
  });
});

describe('CircuitBreakerOperationRunner options', () => {
  const inner = new SimpleOperationRunner();
  const build = (options: unknown) => () =>
    new CircuitBreakerOperationRunner(inner, options as CircuitBreakerOperationRunnerOptions);

  it('uses defaults', () => {
    const breaker = new CircuitBreakerOperationRunner(inner);

    expect(breaker.state).toBe('closed');
  });

  it('validates the runner and options', () => {
    expect(() => new CircuitBreakerOperationRunner(null as unknown as OperationRunner)).toThrow(
      /CircuitBreakerOperationRunner: `runner` must be an operation runner/,
    );
    expect(build('options')).toThrow(
      'CircuitBreakerOperationRunner: `options` must be an object, received "options".',
    );
  });

  it.each([
    ['strategy', {}, TypeError, /`strategy` must be a circuit breaker strategy/],
    ['openMs', -1, RangeError, /`openMs` must be a number from 0 to 2147483647, received -1/],
    ['openMs', Number.NaN, RangeError, /`openMs` must be a number from 0 to 2147483647/],
    ['openMs', '1000', TypeError, /`openMs` must be a number/],
    ['openBackoff', 5, TypeError, /`openBackoff` must be a backoff/],
    ['halfOpenMaxProbes', 0, RangeError, /`halfOpenMaxProbes` must be an integer from 1/],
    ['halfOpenMaxProbes', 1.5, RangeError, /`halfOpenMaxProbes` must be an integer/],
    [
      'halfOpenSuccessThreshold',
      2,
      RangeError,
      /`halfOpenSuccessThreshold` must be an integer from 1 to 1, received 2/,
    ],
    ['slowCallMs', -1, RangeError, /`slowCallMs` must be a number from 0 up to Infinity/],
    ['shouldCountError', true, TypeError, /`shouldCountError` must be a function, received true/],
    ['clock', Date, TypeError, /`clock` must be a clock/],
    ['initialState', 'open', TypeError, /`initialState` must be an object/],
  ])('rejects %s %s', (option, value, type, message) => {
    const construct = build({ [option]: value });

    expect(construct).toThrow(type);
    expect(construct).toThrow(message);
    expect(construct).toThrow(/^CircuitBreakerOperationRunner: /);
  });

  it.each([
    [{ state: 'broken', openCount: 0 }, TypeError, /`initialState.state` must be one of/],
    [{ state: 'closed', openCount: -1 }, RangeError, /`initialState.openCount`/],
    [{ state: 'open', openCount: 0, openMs: 1 }, RangeError, /`initialState.openCount`/],
    [{ state: 'open', openCount: 1 }, TypeError, /`initialState.openMs`/],
    [
      { state: 'open', openCount: 1, openMs: 1, openedAt: 0 },
      TypeError,
      /`initialState.halfOpenAt`/,
    ],
    [{ state: 'halfOpen', openCount: 1, openMs: -1 }, RangeError, /`initialState.openMs`/],
  ])('rejects initialState %j', (initialState, type, message) => {
    const construct = build({ initialState });

    expect(construct).toThrow(type);
    expect(construct).toThrow(message);
  });
});

describe('CircuitOpenError', () => {
  it('has a stable name and code', () => {
    const error = new CircuitOpenError({
      state: 'open',
      halfOpenAt: 5_000,
      retryAfterMs: 1_500,
      operationId: 'order-7',
    });

    expect(error).toBeInstanceOf(FaultToleranceError);
    expect(error.name).toBe('CircuitOpenError');
    expect(error.code).toBe('ERR_CIRCUIT_OPEN');
    expect(error.halfOpenAt).toBe(5_000);
    expect(error.retryAfterMs).toBe(1_500);
    expect(error.operationId).toBe('order-7');
    expect(error.message).toContain('retry after 1500 ms');
  });

  it('tells how to leave isolation', () => {
    const error = new CircuitOpenError({
      state: 'isolated',
      halfOpenAt: undefined,
      retryAfterMs: undefined,
    });

    expect(error.message).toContain('`reset()`');
  });
});
