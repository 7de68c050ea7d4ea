import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Backoff, BackoffContext } from '../backoff/Backoff.js';
import { ConstantBackoff } from '../backoff/ConstantBackoff.js';
import { ExponentialBackoff } from '../backoff/ExponentialBackoff.js';
import { MaxElapsedBackoff } from '../backoff/MaxElapsedBackoff.js';
import { MaxRetriesBackoff } from '../backoff/MaxRetriesBackoff.js';
import { VirtualClock } from '../clock/VirtualClock.js';
import { NonRetryableError } from '../errors/NonRetryableError.js';
import { UnknownOperationError } from '../errors/UnknownOperationError.js';
import { Callback } from '../operation/Callback.js';
import { NullWaiter } from '../waiter/NullWaiter.js';
import type { Waiter } from '../waiter/Waiter.js';
import type { OperationRunner } from './OperationRunner.js';
import { RetryOperationRunner } from './RetryOperationRunner.js';
import type { GiveUpEvent, RetryEvent } from './RetryOperationRunnerEvents.js';
import {
  createRetryRunner,
  recordingOperation,
  settlementOf,
} from './RetryOperationRunner.testkit.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';

function failing(message = 'down'): never {
  throw new Error(message);
}

describe('RetryOperationRunner', () => {
  it('resolves with the first success', async () => {
    const { clock, runner } = createRetryRunner();
    const { operation, attempts } = recordingOperation(clock, () => 'value');

    await expect(runner.run(operation)).resolves.toBe('value');

    expect(attempts).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });

  it('retries until success', async () => {
    const { clock, runner } = createRetryRunner();
    const { operation, attempts } = recordingOperation(clock, (call) =>
      call < 3 ? failing() : 'value',
    );

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();

    expect(await settlement).toEqual({ status: 'fulfilled', value: 'value', at: 300 });
    expect(attempts.map((attempt) => attempt.startedAt)).toEqual([0, 100, 300]);
  });

  it('waits no more after the last attempt', async () => {
    const { clock, runner } = createRetryRunner({ maxAttempts: 4 });
    const { operation, attempts } = recordingOperation(clock, () => failing());

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();

    expect(attempts.map((attempt) => attempt.startedAt)).toEqual([0, 100, 300, 700]);
    expect((await settlement).status).toBe('rejected');
    expect((await settlement).at).toBe(700);
    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects with the last error itself', async () => {
    const { clock, runner } = createRetryRunner({ maxAttempts: 3 });
    const root = new Error('connection reset');
    const errors = [1, 2, 3].map((call) => new Error(`attempt ${call} failed`, { cause: root }));
    const stacks = errors.map((error) => error.stack);
    const { operation } = recordingOperation(clock, (call) => {
      throw errors[call - 1];
    });

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();
    const { reason } = (await settlement) as { reason: Error };

    expect(reason).toBe(errors[2]);
    expect(reason.stack).toBe(stacks[2]);
    expect(reason.cause).toBe(root);
  });

  it('numbers attempts from the run option', async () => {
    const { clock, runner } = createRetryRunner({ maxAttempts: 3 });
    const { operation, attempts } = recordingOperation(clock, () => failing());

    const settlement = settlementOf(clock, runner.run(operation, { attempt: 5 }));
    await clock.runAll();
    await settlement;

    expect(attempts.map((attempt) => attempt.context.attempt)).toEqual([5, 6, 7]);
  });

  it('stops at the largest attempt number', async () => {
    const { clock, runner } = createRetryRunner({ maxAttempts: Infinity });
    const { operation, attempts } = recordingOperation(clock, () => failing('still down'));
    const last = Number.MAX_SAFE_INTEGER;

    const settlement = settlementOf(clock, runner.run(operation, { attempt: last - 1 }));
    await clock.runAll();

    expect(await settlement).toMatchObject({
      status: 'rejected',
      reason: { message: 'still down' },
    });
    expect(attempts.map((attempt) => attempt.context.attempt)).toEqual([last - 1, last]);
  });

  it('passes the signal to every attempt', async () => {
    const { clock, runner } = createRetryRunner({ maxAttempts: 2 });
    const { signal } = new AbortController();
    const { operation, attempts } = recordingOperation(clock, () => failing());

    const settlement = settlementOf(clock, runner.run(operation, { signal }));
    await clock.runAll();
    await settlement;

    expect(attempts.map((attempt) => attempt.context.signal)).toEqual([signal, signal]);
  });

  it('caps attempts whatever the backoff returns', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.nat({ max: 1_000 }), { minLength: 1, maxLength: 30 }),
        async (maxAttempts, delays) => {
          let calls = 0;
          const endless: Backoff = {
            start: () => ({ next: () => delays[calls++ % delays.length] }),
          };
          const { clock, runner } = createRetryRunner({ maxAttempts, backoff: endless });
          const { operation, attempts } = recordingOperation(clock, () => failing());

          const settlement = settlementOf(clock, runner.run(operation));
          await clock.runAll();

          expect((await settlement).status).toBe('rejected');
          expect(attempts).toHaveLength(maxAttempts);
          expect(calls).toBe(maxAttempts - 1);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('retries forever with Infinity attempts', async () => {
    const runner = new RetryOperationRunner(new SimpleOperationRunner(), {
      maxAttempts: Infinity,
      waiter: new NullWaiter(),
    });
    let calls = 0;
    const operation = new Callback(() => (++calls < 1_000 ? failing() : 'finally'));

    await expect(runner.run(operation)).resolves.toBe('finally');
    expect(calls).toBe(1_000);
  });

  it('stops when the backoff ends', async () => {
    const backoff = new MaxRetriesBackoff(new ConstantBackoff({ delayMs: 10 }), { maxRetries: 1 });
    const { clock, runner } = createRetryRunner({ maxAttempts: 10, backoff });
    const reasons: string[] = [];
    runner.events.on('giveUp', ({ reason }) => reasons.push(reason));
    const { operation, attempts } = recordingOperation(clock, () => failing());

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();

    expect((await settlement).status).toBe('rejected');
    expect(attempts).toHaveLength(2);
    expect(reasons).toEqual(['backoffEnded']);
  });

  it('gives each execution its own delays', async () => {
    const { clock, runner } = createRetryRunner({ maxAttempts: 3 });
    const delays: number[] = [];
    runner.events.on('retry', ({ delayMs }) => delays.push(delayMs));
    const { operation } = recordingOperation(clock, () => failing());

    const settlements = [runner.run(operation), runner.run(operation)].map((promise) =>
      settlementOf(clock, promise),
    );
    await clock.runAll();
    await Promise.all(settlements);

    expect(delays).toEqual([100, 100, 200, 200]);
  });

  it.each([NaN, -1, Infinity, 2 ** 31, '5'])('rejects a backoff delay of %s', async (bad) => {
    const backoff: Backoff = { start: () => ({ next: () => bad as number }) };
    const { clock, runner } = createRetryRunner({ backoff });
    const error = new Error('down');
    const { operation, attempts } = recordingOperation(clock, () => {
      throw error;
    });

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();
    const { reason } = (await settlement) as { reason: Error };

    expect(reason).toBeInstanceOf(RangeError);
    expect(reason.message).toMatch(/^RetryOperationRunner: the backoff returned /);
    expect(reason.cause).toBe(error);
    expect(attempts).toHaveLength(1);
  });

  it('retries an inner runner that throws', async () => {
    let calls = 0;
    const throwing: OperationRunner = {
      run: () => {
        calls++;
        throw new Error('synchronous');
      },
    };
    const runner = new RetryOperationRunner(throwing, {
      maxAttempts: 2,
      waiter: new NullWaiter(),
    });

    await expect(runner.run(new Callback(() => 1))).rejects.toThrow('synchronous');
    expect(calls).toBe(2);
  });

  it.each([
    ['without a signal', undefined],
    ['with a signal', new AbortController().signal],
  ])('accepts an inner runner returning a value, %s', async (_label, signal) => {
    const plain = { run: () => 42 } as unknown as OperationRunner;
    const runner = new RetryOperationRunner(plain, { waiter: new NullWaiter() });

    let result: Promise<unknown> | undefined;
    expect(() => (result = runner.run(new Callback(() => 1), { signal }))).not.toThrow();
    await expect(result).resolves.toBe(42);
  });

  it('runs one attempt at a time for a double rejection', async () => {
    let running = 0;
    let maxRunning = 0;
    const twice: OperationRunner = {
      run: () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        const thenable = {
          then(_resolve: unknown, reject: (error: unknown) => void) {
            running--;
            reject(new Error('first'));
            reject(new Error('second'));
          },
        };
        return thenable as unknown as Promise<never>;
      },
    };
    const clock = new VirtualClock();
    const runner = new RetryOperationRunner(twice, {
      clock,
      maxAttempts: 4,
      backoff: new ConstantBackoff({ delayMs: 10 }),
    });
    const retries: number[] = [];
    runner.events.on('retry', ({ attempt }) => retries.push(attempt));

    const result = settlementOf(clock, runner.run(new Callback(() => 1), { signal: undefined }));
    await clock.runAll();

    expect(await result).toMatchObject({ status: 'rejected', at: 30 });
    expect(retries).toEqual([1, 2, 3]);
    expect(maxRunning).toBe(1);
  });

  it('settles with a waiter that returns no promise', async () => {
    const clock = new VirtualClock();
    const sleeps: number[] = [];
    const waiter = { sleep: (ms: number) => void sleeps.push(ms) } as unknown as Waiter;
    const runner = new RetryOperationRunner(new SimpleOperationRunner(), {
      clock,
      waiter,
      maxAttempts: 3,
      backoff: new ConstantBackoff({ delayMs: 10 }),
    });
    const { operation, attempts } = recordingOperation(clock, () => failing('still down'));

    const settlement = await settlementOf(clock, runner.run(operation));

    expect(settlement).toMatchObject({ status: 'rejected', reason: { message: 'still down' } });
    expect(attempts).toHaveLength(3);
    expect(sleeps).toEqual([10, 10]);
  });

  it('rejects with a thrown value whose getters throw', async () => {
    const { clock, runner } = createRetryRunner({ maxAttempts: 2 });
    const withGetter = new Error('down');
    Object.defineProperty(withGetter, 'name', {
      get() {
        throw new Error('name getter');
      },
    });
    const proxy = new Proxy(
      {},
      {
        get() {
          throw new Error('proxy get');
        },
        getPrototypeOf() {
          throw new Error('proxy getPrototypeOf');
        },
      },
    );

    for (const thrown of [withGetter, proxy]) {
      const { operation, attempts } = recordingOperation(clock, () => {
        throw thrown;
      });
      const result = settlementOf(clock, runner.run(operation));
      await clock.runAll();

      const settlement = await result;
      expect(settlement.status).toBe('rejected');
      expect(settlement.status === 'rejected' ? settlement.reason : undefined).toBe(thrown);
      expect(attempts).toHaveLength(2);
    }
  });
});

describe('RetryOperationRunner non-retryable errors', () => {
  it('stops at once on NonRetryableError', async () => {
    const { clock, runner } = createRetryRunner({ maxAttempts: 5 });
    const cause = new Error('404 not found');
    const reasons: string[] = [];
    runner.events.on('giveUp', ({ reason }) => reasons.push(reason));
    const { operation, attempts } = recordingOperation(clock, () => {
      throw new NonRetryableError(cause);
    });

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();
    const { reason, at } = (await settlement) as { reason: NonRetryableError; at: number };

    expect(reason).toBeInstanceOf(NonRetryableError);
    expect(reason.cause).toBe(cause);
    expect(at).toBe(0);
    expect(attempts).toHaveLength(1);
    expect(reasons).toEqual(['nonRetryable']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('stops an outer retry runner too', async () => {
    const clock = new VirtualClock();
    const backoff = new ConstantBackoff({ delayMs: 10 });
    const inner = new RetryOperationRunner(new SimpleOperationRunner(), { clock, backoff });
    const outer = new RetryOperationRunner(inner, { clock, backoff, maxAttempts: 5 });
    const { operation, attempts } = recordingOperation(clock, () => {
      throw new NonRetryableError(new Error('bad request'));
    });

    const settlement = settlementOf(clock, outer.run(operation));
    await clock.runAll();

    expect((await settlement).status).toBe('rejected');
    expect(attempts).toHaveLength(1);
  });

  it('stops at once on UnknownOperationError', async () => {
    const { clock, runner } = createRetryRunner({ maxAttempts: 5 });
    const error = new UnknownOperationError('send-email', 'op-1');
    const { operation, attempts } = recordingOperation(clock, () => {
      throw error;
    });

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();

    expect(await settlement).toEqual({ status: 'rejected', reason: error, at: 0 });
    expect(attempts).toHaveLength(1);
  });

  it('does not ask shouldRetry about NonRetryableError', async () => {
    const calls: unknown[] = [];
    const { clock, runner } = createRetryRunner({
      shouldRetry: (error) => calls.push(error) > 0,
    });
    const { operation } = recordingOperation(clock, () => {
      throw new NonRetryableError(new Error('bad request'));
    });

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();

    expect((await settlement).status).toBe('rejected');
    expect(calls).toEqual([]);
  });

  it('stops when shouldRetry returns false', async () => {
    const calls: [unknown, number][] = [];
    const { clock, runner } = createRetryRunner({
      maxAttempts: 5,
      shouldRetry: (error, attempt) => {
        calls.push([error, attempt]);
        return attempt < 2;
      },
    });
    const errors = [new Error('first'), new Error('second')];
    const { operation, attempts } = recordingOperation(clock, (call) => {
      throw errors[call - 1];
    });

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();

    expect(await settlement).toMatchObject({ status: 'rejected', reason: errors[1] });
    expect(attempts).toHaveLength(2);
    expect(calls).toEqual([
      [errors[0], 1],
      [errors[1], 2],
    ]);
  });

  it('rejects with the error shouldRetry throws', async () => {
    const predicateError = new Error('predicate failed');
    const { clock, runner } = createRetryRunner({
      shouldRetry: () => {
        throw predicateError;
      },
    });
    const { operation, attempts } = recordingOperation(clock, () => failing());

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();

    expect(await settlement).toMatchObject({ status: 'rejected', reason: predicateError });
    expect(attempts).toHaveLength(1);
  });
});

describe('RetryOperationRunner results', () => {
  const unavailable = { status: 503 };
  const ok = { status: 200 };
  const shouldRetryResult = (result: unknown): boolean =>
    (result as { status: number }).status === 503;

  it('retries a rejected result', async () => {
    const { clock, runner } = createRetryRunner({ shouldRetryResult });
    const { operation, attempts } = recordingOperation(clock, (call) =>
      call === 1 ? unavailable : ok,
    );

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();

    expect(await settlement).toEqual({ status: 'fulfilled', value: ok, at: 100 });
    expect(attempts).toHaveLength(2);
  });

  it('resolves with the last rejected result', async () => {
    const { clock, runner } = createRetryRunner({ maxAttempts: 3, shouldRetryResult });
    const giveUps: GiveUpEvent[] = [];
    runner.events.on('giveUp', (event) => giveUps.push(event));
    const { operation, attempts } = recordingOperation(clock, () => ({ ...unavailable }));

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();
    const { value } = (await settlement) as { value: unknown };

    expect(value).toEqual(unavailable);
    expect(value).toBe(giveUps[0]?.failure.kind === 'result' ? giveUps[0].failure.result : null);
    expect(attempts).toHaveLength(3);
    expect(giveUps.map((event) => event.reason)).toEqual(['maxAttempts']);
  });
});

describe('RetryOperationRunner server-given delays', () => {
  function busyError(retryAfterMs: unknown): Error {
    return Object.assign(new Error('busy'), { retryAfterMs });
  }

  it('waits the retryAfterMs of an error', async () => {
    const { clock, runner } = createRetryRunner();
    const { operation, attempts } = recordingOperation(clock, (call) => {
      if (call === 1) {
        throw busyError(5_000);
      }
      return 'value';
    });

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();

    expect(await settlement).toMatchObject({ status: 'fulfilled', at: 5_000 });
    expect(attempts.map((attempt) => attempt.startedAt)).toEqual([0, 5_000]);
  });

  it('caps a server-given delay', async () => {
    const { clock, runner } = createRetryRunner({ maxAttempts: 2, maxDelayMs: 2_000 });
    const { operation, attempts } = recordingOperation(clock, () => {
      throw busyError(60_000);
    });

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();
    await settlement;

    expect(attempts.map((attempt) => attempt.startedAt)).toEqual([0, 2_000]);
  });

  it('caps a server-given delay at the backoff cap', async () => {
    const backoff = new ExponentialBackoff({ initialDelayMs: 100, maxDelayMs: 3_000 });
    const { clock, runner } = createRetryRunner({ maxAttempts: 2, backoff });
    const { operation, attempts } = recordingOperation(clock, () => {
      throw busyError(60_000);
    });

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();
    await settlement;

    expect(attempts.map((attempt) => attempt.startedAt)).toEqual([0, 3_000]);
  });

  it('gives up when the server delay exceeds the budget', async () => {
    const { clock, runner } = createRetryRunner({ maxElapsedMs: 1_000 });
    const reasons: string[] = [];
    runner.events.on('giveUp', ({ reason }) => reasons.push(reason));
    const { operation, attempts } = recordingOperation(clock, () => {
      throw busyError(5_000);
    });

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();

    expect(await settlement).toMatchObject({ status: 'rejected', at: 0 });
    expect(attempts).toHaveLength(1);
    expect(reasons).toEqual(['maxElapsed']);
  });

  it('reads the delay with retryAfter', async () => {
    const response = { status: 503, headers: new Headers({ 'retry-after': '7' }) };
    const { clock, runner } = createRetryRunner({
      shouldRetryResult: (result) => (result as typeof response).status === 503,
      retryAfter: (failure) =>
        failure.kind === 'result'
          ? Number((failure.result as typeof response).headers.get('retry-after')) * 1_000
          : undefined,
    });
    const { operation, attempts } = recordingOperation(clock, (call) =>
      call === 1 ? response : 'value',
    );

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();
    await settlement;

    expect(attempts.map((attempt) => attempt.startedAt)).toEqual([0, 7_000]);
  });

  it.each([NaN, -1, Infinity, '100', null])('ignores a server delay of %s', async (bad) => {
    const { clock, runner } = createRetryRunner({ maxAttempts: 2 });
    const { operation, attempts } = recordingOperation(clock, () => {
      throw busyError(bad);
    });

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();
    await settlement;

    expect(attempts.map((attempt) => attempt.startedAt)).toEqual([0, 100]);
  });
});

describe('RetryOperationRunner maxElapsedMs', () => {
  it('gives up before a wait past the budget', async () => {
    const { clock, runner } = createRetryRunner({
      maxAttempts: Infinity,
      maxElapsedMs: 250,
      backoff: new ConstantBackoff({ delayMs: 100 }),
    });
    const { operation, attempts } = recordingOperation(clock, () => failing());

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();

    expect(attempts.map((attempt) => attempt.startedAt)).toEqual([0, 100, 200]);
    expect(await settlement).toMatchObject({ status: 'rejected', at: 200 });
    expect(clock.pendingTimers).toBe(0);
  });

  it('counts the time spent in attempts', async () => {
    const clock = new VirtualClock();
    const runner = new RetryOperationRunner(new SimpleOperationRunner(), {
      clock,
      maxAttempts: Infinity,
      maxElapsedMs: 1_000,
      backoff: new ConstantBackoff({ delayMs: 100 }),
    });
    const { operation, attempts } = recordingOperation(clock, async () => {
      await new Promise((resolve) => clock.setTimeout(() => resolve(undefined), 300));
      failing();
    });

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();

    // Attempts end at 300, 700 and 1100 ms; the wait after the second ends at 800 ms.
    expect(attempts.map((attempt) => attempt.startedAt)).toEqual([0, 400, 800]);
    expect(await settlement).toMatchObject({ status: 'rejected', at: 1_100 });
  });
});

describe('RetryOperationRunner elapsed time', () => {
  /** Builds an operation whose every attempt takes 300 ms of virtual time and then fails. */
  function slowFailure(clock: VirtualClock): Callback<never> {
    return new Callback(async () => {
      await new Promise((resolve) => clock.setTimeout(() => resolve(undefined), 300));
      return failing();
    });
  }

  it('gives a custom backoff the time since the start', async () => {
    const contexts: BackoffContext[] = [];
    const recording: Backoff = {
      start: () => ({
        next: (context) => {
          contexts.push(context);
          return 100;
        },
      }),
    };
    const { clock, runner } = createRetryRunner({ maxAttempts: 2, backoff: recording });

    const settlement = settlementOf(clock, runner.run(slowFailure(clock)));
    await clock.runAll();
    await settlement;

    expect(contexts).toEqual([{ attempt: 1, elapsedMs: 300 }]);
  });

  it('counts the first attempt in MaxElapsedBackoff', async () => {
    const backoff = new MaxElapsedBackoff(new ConstantBackoff({ delayMs: 100 }), {
      maxElapsedMs: 350,
    });
    const { clock, runner } = createRetryRunner({ maxAttempts: 5, backoff });

    const settlement = settlementOf(clock, runner.run(slowFailure(clock)));
    await clock.runAll();

    // The first attempt ends at 300 ms, and a wait would end at 400 ms, past the budget.
    expect(await settlement).toMatchObject({ status: 'rejected', at: 300 });
  });

  it('reports retries with the time since the start', async () => {
    const { clock, runner } = createRetryRunner({ maxAttempts: 2 });
    const elapsed: number[] = [];
    runner.events.on('retry', ({ elapsedMs }) => elapsed.push(elapsedMs));

    const settlement = settlementOf(clock, runner.run(slowFailure(clock)));
    await clock.runAll();
    await settlement;

    expect(elapsed).toEqual([300]);
  });
});

describe('RetryOperationRunner events', () => {
  it('reports attempts, failures, retries and success', async () => {
    const { clock, runner } = createRetryRunner();
    const log: unknown[] = [];
    runner.events.on('attempt', (event) => log.push(['attempt', event]));
    runner.events.on('failure', (event) => log.push(['failure', event]));
    runner.events.on('retry', (event) => log.push(['retry', event]));
    runner.events.on('success', (event) => log.push(['success', event]));
    const error = new Error('down');
    const { operation } = recordingOperation(clock, (call) => {
      if (call === 1) {
        throw error;
      }
      return 'value';
    });

    const settlement = settlementOf(clock, runner.run(operation, { attempt: 3 }));
    await clock.runAll();
    await settlement;

    const failure = { kind: 'error', error };
    expect(log).toEqual([
      ['attempt', { attempt: 3, elapsedMs: 0 }],
      ['failure', { attempt: 3, elapsedMs: 0, failure }],
      ['retry', { attempt: 3, delayMs: 100, elapsedMs: 0, failure }],
      ['attempt', { attempt: 4, elapsedMs: 100 }],
      ['success', { attempt: 4, attempts: 2, elapsedMs: 100 }],
    ]);
  });

  it('reports giving up', async () => {
    const { clock, runner } = createRetryRunner({ maxAttempts: 2 });
    const giveUps: GiveUpEvent[] = [];
    runner.events.on('giveUp', (event) => giveUps.push(event));
    const error = new Error('down');
    const { operation } = recordingOperation(clock, () => {
      throw error;
    });

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();
    await settlement;

    expect(giveUps).toEqual([
      {
        attempt: 2,
        attempts: 2,
        elapsedMs: 100,
        reason: 'maxAttempts',
        failure: { kind: 'error', error },
      },
    ]);
  });

  it('calls onRetry and onGiveUp', async () => {
    const retries: RetryEvent[] = [];
    const giveUps: GiveUpEvent[] = [];
    const { clock, runner } = createRetryRunner({
      maxAttempts: 3,
      onRetry: (event) => retries.push(event),
      onGiveUp: (event) => giveUps.push(event),
    });
    const { operation } = recordingOperation(clock, () => failing());

    const settlement = settlementOf(clock, runner.run(operation));
    await clock.runAll();
    await settlement;

    expect(retries.map((event) => [event.attempt, event.delayMs])).toEqual([
      [1, 100],
      [2, 200],
    ]);
    expect(giveUps.map((event) => event.attempts)).toEqual([3]);
  });
});
