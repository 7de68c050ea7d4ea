import { describe, expect, it } from 'vitest';
import { SystemClock } from '../clock/SystemClock.js';
import { VirtualClock } from '../clock/VirtualClock.js';
import { FaultToleranceError } from '../errors/FaultToleranceError.js';
import { OperationTimeoutError } from '../errors/OperationTimeoutError.js';
import { Callback } from '../operation/Callback.js';
import type { Operation } from '../operation/Operation.js';
import type { OperationContext } from '../operation/OperationContext.js';
import {
  abortListenerCount,
  flushRejections,
  ManualOperation,
  track,
  expectNoUnhandledRejections,
} from '../queue/ManualOperation.testkit.js';
import type { TimeoutMode } from '../timeout/TimeoutMode.js';
import type { OperationRunner } from './OperationRunner.js';
import type { RunOptions } from './RunOptions.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';
import { ThenableRunner } from './ThenableRunner.testkit.js';
import { TimeoutOperationRunner } from './TimeoutOperationRunner.js';

expectNoUnhandledRejections();

const MODES: readonly TimeoutMode[] = ['cooperative', 'aggressive'];

function createTimeout(
  mode: TimeoutMode,
  timeoutMs = 1_000,
  inner: OperationRunner = new SimpleOperationRunner(),
): { runner: TimeoutOperationRunner; clock: VirtualClock } {
  const clock = new VirtualClock();
  return { runner: new TimeoutOperationRunner(inner, { timeoutMs, mode, clock }), clock };
}

/** An inner runner that is not a plain SimpleOperationRunner, so the timeout runner uses it. */
class ForwardingRunner implements OperationRunner {
  readonly received: (RunOptions | undefined)[] = [];
  readonly #inner = new SimpleOperationRunner();

  run<T>(operation: Operation<T>, options?: RunOptions): Promise<T> {
    this.received.push(options);
    return this.#inner.run(operation, options);
  }
}

describe('TimeoutOperationRunner', () => {
  it.each(MODES)('resolves before the deadline (%s)', async (mode) => {
    const { runner, clock } = createTimeout(mode);

    await expect(runner.run(new Callback(() => 'value'))).resolves.toBe('value');

    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects at the deadline in aggressive mode', async () => {
    const { runner, clock } = createTimeout('aggressive');
    const operation = new Callback(() => new Promise(() => undefined));

    const call = track(runner.run(operation));
    await clock.advance(999);
    expect(call.outcome.status).toBe('pending');
    await clock.advance(1);

    expect(call.outcome.status).toBe('rejected');
    expect(call.outcome.reason).toBeInstanceOf(OperationTimeoutError);
    expect(clock.pendingTimers).toBe(0);
  });

  it('aborts the signal at the deadline', async () => {
    for (const mode of MODES) {
      const { runner, clock } = createTimeout(mode);
      const operation = new ManualOperation();

      const call = track(runner.run(operation));
      await clock.advance(1_000);

      const signal = operation.executions[0]!.context.signal;
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toBeInstanceOf(OperationTimeoutError);
      await expect(call.promise).rejects.toBe(signal.reason);
    }
  });

  it('waits for the operation in cooperative mode', async () => {
    const { runner, clock } = createTimeout('cooperative');
    const operation = new Callback(() => new Promise(() => undefined));
    let settleLater!: (value: string) => void;
    const slow = new Callback<string>(() => new Promise((resolve) => (settleLater = resolve)));

    const ignored = track(runner.run(operation));
    const late = track(runner.run(slow));
    await clock.advance(5_000);

    expect(ignored.outcome.status).toBe('pending');
    expect(late.outcome.status).toBe('pending');
    settleLater('late value');
    await expect(late.promise).resolves.toBe('late value');
    expect(clock.pendingTimers).toBe(0);
  });

  it('wraps a failure after the deadline', async () => {
    const { runner, clock } = createTimeout('cooperative', 500);
    const failure = new Error('connection reset');
    const operation = new Callback(
      ({ signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(failure));
        }),
    );

    const call = track(runner.run(operation));
    await clock.advance(500);

    const error = call.outcome.reason as OperationTimeoutError;
    expect(error).toBeInstanceOf(OperationTimeoutError);
    expect(error.cause).toBe(failure);
    expect(error.timeoutMs).toBe(500);
    expect(error.mode).toBe('cooperative');
  });

  it('keeps a failure before the deadline', async () => {
    const { runner } = createTimeout('cooperative');
    const failure = new Error('refused');

    await expect(runner.run(new Callback(() => Promise.reject(failure)))).rejects.toBe(failure);
  });

  it('times each call from its own start', async () => {
    const { runner, clock } = createTimeout('aggressive', 1_000);
    const never = new Callback(() => new Promise(() => undefined));

    const first = track(runner.run(never));
    await clock.advance(300);
    const second = track(runner.run(never));
    await clock.advance(699);
    expect(first.outcome.status).toBe('pending');
    await clock.advance(1);
    expect(first.outcome.status).toBe('rejected');
    expect(second.outcome.status).toBe('pending');
    await clock.advance(299);
    expect(second.outcome.status).toBe('pending');
    await clock.advance(1);

    expect(second.outcome.status).toBe('rejected');
    expect(clock.pendingTimers).toBe(0);
  });

  it('shares one timer between calls', async () => {
    const { runner, clock } = createTimeout('cooperative');
    const operation = new ManualOperation();

    const calls = Array.from({ length: 500 }, () => track(runner.run(operation)));
    await flushRejections();

    expect(clock.pendingTimers).toBe(1);
    operation.executions.forEach((execution, index) => execution.resolve(index));
    await Promise.all(calls.map((call) => call.promise));
    expect(clock.pendingTimers).toBe(0);
  });

  it('clears the timer under concurrency', async () => {
    for (const mode of MODES) {
      const { runner, clock } = createTimeout(mode, 100);
      const operation = new ManualOperation();
      const calls = Array.from({ length: 300 }, () => track(runner.run(operation)));
      await flushRejections();

      // A third succeed, a third fail before the deadline, a third reach it.
      operation.executions.forEach((execution, index) => {
        if (index % 3 === 0) {
          execution.resolve(index);
        } else if (index % 3 === 1) {
          execution.reject(new Error(`failure ${index}`));
        }
      });
      await clock.advance(100);
      await Promise.allSettled(calls.map((call) => call.promise));

      const statuses = calls.map((call) => call.outcome.status);
      expect(statuses.filter((status) => status === 'fulfilled')).toHaveLength(100);
      expect(statuses.filter((status) => status === 'rejected')).toHaveLength(200);
      const timeouts = calls.filter((call) => call.outcome.reason instanceof OperationTimeoutError);
      expect(timeouts).toHaveLength(100);
      expect(clock.pendingTimers).toBe(0);
    }
  });

  it('adds no timer for a settled operation', async () => {
    const { runner, clock } = createTimeout('cooperative');
    let timersWhileRunning = -1;
    runner.events.on('success', () => {
      timersWhileRunning = clock.pendingTimers;
    });

    await runner.run(new Callback(async () => 'done'));

    expect(timersWhileRunning).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('reports a caller abort as that abort', async () => {
    for (const mode of MODES) {
      const { runner, clock } = createTimeout(mode);
      const operation = new ManualOperation();
      const controller = new AbortController();
      const reason = new Error('caller gave up');

      const call = track(runner.run(operation, { signal: controller.signal }));
      await clock.advance(400);
      controller.abort(reason);
      await flushRejections();

      expect(call.outcome.reason).toBe(reason);
      expect(operation.executions[0]!.context.signal.reason).toBe(reason);
      expect(clock.pendingTimers).toBe(0);
      await clock.advance(1_000);
      expect(call.outcome.reason).toBe(reason);
    }
  });

  it('reports an abort after the deadline as that abort', async () => {
    const { runner, clock } = createTimeout('cooperative');
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const operation = new Callback(() => new Promise(() => undefined));

    const call = track(runner.run(operation, { signal: controller.signal }));
    await clock.advance(1_000);
    controller.abort(reason);
    await flushRejections();

    expect(call.outcome.reason).toBe(reason);
  });

  it('rejects an aborted signal without running', async () => {
    const { runner } = createTimeout('cooperative');
    const controller = new AbortController();
    const reason = new Error('already aborted');
    controller.abort(reason);
    let executions = 0;

    const result = runner.run(new Callback(() => executions++), { signal: controller.signal });

    await expect(result).rejects.toBe(reason);
    expect(executions).toBe(0);
  });

  it('reports an abort during execution', async () => {
    for (const mode of MODES) {
      const { runner, clock } = createTimeout(mode);
      const controller = new AbortController();
      const reason = new Error('aborted while starting');
      let context!: OperationContext;
      const operation = new Callback((received) => {
        context = received;
        controller.abort(reason);
        return new Promise(() => undefined);
      });

      const call = track(runner.run(operation, { signal: controller.signal }));
      await flushRejections();

      expect(call.outcome.reason).toBe(reason);
      expect(context.signal.reason).toBe(reason);
      expect(abortListenerCount(controller.signal)).toBe(0);
      expect(clock.pendingTimers).toBe(0);
    }
  });

  it('removes its listener from the caller signal', async () => {
    for (const mode of MODES) {
      const { runner, clock } = createTimeout(mode);
      const controller = new AbortController();
      const { signal } = controller;
      const operation = new ManualOperation();

      const succeeded = runner.run(operation, { signal });
      const failed = runner.run(operation, { signal });
      const timedOut = track(
        runner.run(new Callback(() => new Promise(() => undefined)), { signal }),
      );
      await flushRejections();
      // The three calls share one listener, which stays until the last of them settles.
      expect(abortListenerCount(signal)).toBe(1);
      operation.executions[0]!.resolve('ok');
      operation.executions[1]!.reject(new Error('failed'));
      await Promise.allSettled([succeeded, failed]);
      expect(abortListenerCount(signal)).toBe(1);
      await clock.advance(1_000);

      if (mode === 'aggressive') {
        expect(timedOut.outcome.status).toBe('rejected');
        expect(abortListenerCount(signal)).toBe(0);
      } else {
        expect(timedOut.outcome.status).toBe('pending');
        controller.abort();
        await flushRejections();
        expect(abortListenerCount(signal)).toBe(0);
      }
    }
  });

  it('survives any settle order', async () => {
    const orders = [
      ['operation', 'deadline', 'abort'],
      ['deadline', 'operation', 'abort'],
      ['deadline', 'abort', 'operation'],
      ['abort', 'deadline', 'operation'],
      ['abort', 'operation', 'deadline'],
      ['operation', 'abort', 'deadline'],
    ] as const;
    for (const mode of MODES) {
      for (const order of orders) {
        for (const outcome of ['resolve', 'reject'] as const) {
          const { runner, clock } = createTimeout(mode);
          const controller = new AbortController();
          const operation = new ManualOperation();
          const operationResult = new Error('operation result');
          const abortReason = new Error('caller abort');
          const call = track(runner.run(operation, { signal: controller.signal }));
          await flushRejections();
          for (const step of order) {
            if (step === 'operation') {
              operation.executions[0]![outcome](operationResult);
            } else if (step === 'deadline') {
              await clock.advance(1_000);
            } else {
              controller.abort(abortReason);
            }
            await flushRejections();
          }

          // ManualOperation rejects as soon as its signal aborts, so the first step decides.
          if (order[0] === 'abort') {
            expect(call.outcome.reason).toBe(abortReason);
          } else if (order[0] === 'deadline') {
            expect(call.outcome.reason).toBeInstanceOf(OperationTimeoutError);
          } else if (outcome === 'resolve') {
            expect(call.outcome.value).toBe(operationResult);
          } else {
            expect(call.outcome.reason).toBe(operationResult);
          }
          expect(clock.pendingTimers).toBe(0);
          expect(abortListenerCount(controller.signal)).toBe(0);
        }
      }
    }
  });

  it('leaves no referenced timer handle', async () => {
    const timerHandles = (): number =>
      process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const before = timerHandles();
    for (const mode of MODES) {
      const runner = new TimeoutOperationRunner(new SimpleOperationRunner(), {
        timeoutMs: 60_000,
        mode,
        clock: new SystemClock(),
      });
      await runner.run(new Callback(() => 'settled'));
      expect(timerHandles()).toBe(before);

      let finish!: () => void;
      const pending = runner.run(
        new Callback(() => new Promise<void>((resolve) => (finish = resolve))),
      );
      await flushRejections();
      expect(timerHandles()).toBe(before);
      finish();
      await pending;
    }
  });

  it('creates the signal aborted when read late', async () => {
    const { runner, clock } = createTimeout('cooperative');
    let context!: OperationContext;
    let finish!: () => void;
    const operation = new Callback((received) => {
      context = received;
      return new Promise<void>((resolve) => (finish = resolve));
    });

    const call = runner.run(operation);
    await clock.advance(1_000);

    expect(context.signal.aborted).toBe(true);
    expect(context.signal.reason).toBeInstanceOf(OperationTimeoutError);
    finish();
    await call;
  });

  it('passes a deadline signal to other runners', async () => {
    const inner = new ForwardingRunner();
    const { runner, clock } = createTimeout('cooperative', 1_000, inner);
    const operation = new ManualOperation();

    const call = track(runner.run(operation, { attempt: 3 }));
    await clock.advance(1_000);

    const signal = inner.received[0]!.signal!;
    expect(inner.received[0]!.attempt).toBe(3);
    expect(signal.aborted).toBe(true);
    expect(call.outcome.reason).toBeInstanceOf(OperationTimeoutError);
  });

  it('adopts what the inner runner returns', async () => {
    // A runner written without `async` may return its value itself.
    const plain = { run: () => 'plain' } as unknown as OperationRunner;
    for (const inner of [new ThenableRunner(), plain]) {
      for (const mode of MODES) {
        const { runner, clock } = createTimeout(mode, 1_000, inner);
        const controller = new AbortController();

        const value = await runner.run(new Callback(() => 'plain'), { signal: controller.signal });

        expect(value).toBe('plain');
        expect(abortListenerCount(controller.signal)).toBe(0);
        expect(clock.pendingTimers).toBe(0);
      }
    }
  });

  it('passes the attempt to the operation', async () => {
    const { runner } = createTimeout('cooperative');
    const attempts: number[] = [];

    await runner.run(new Callback(({ attempt }) => attempts.push(attempt)), { attempt: 4 });
    await runner.run(new Callback(({ attempt }) => attempts.push(attempt)));

    expect(attempts).toEqual([4, 1]);
  });

  it('turns a synchronous throw into a rejection', async () => {
    const { runner } = createTimeout('aggressive');
    const failure = new Error('thrown');

    await expect(
      runner.run(
        new Callback(() => {
          throw failure;
        }),
      ),
    ).rejects.toBe(failure);
  });

  it('emits timeout, success and failure', async () => {
    const { runner, clock } = createTimeout('aggressive', 100);
    const events: string[] = [];
    runner.events.on('timeout', ({ timeoutMs, mode }) =>
      events.push(`timeout ${timeoutMs} ${mode}`),
    );
    runner.events.on('success', ({ afterDeadline }) => events.push(`success ${afterDeadline}`));
    runner.events.on('failure', ({ error }) => events.push(`failure ${(error as Error).name}`));

    await runner.run(new Callback(() => 'ok'));
    const call = track(runner.run(new Callback(() => new Promise(() => undefined))));
    await clock.advance(100);

    expect(call.outcome.status).toBe('rejected');
    expect(events).toEqual([
      'success false',
      'timeout 100 aggressive',
      'failure OperationTimeoutError',
    ]);
  });

  it('settles once on abort at deadline', async () => {
    const { runner, clock } = createTimeout('aggressive', 100);
    const controller = new AbortController();
    const failures: unknown[] = [];
    runner.events.on('failure', ({ error }) => failures.push(error));
    // The operation's abort listener aborts the caller's signal, as a shared controller would.
    const operation = new Callback(({ signal }) => {
      signal.addEventListener('abort', () => controller.abort(new Error('caller')));
      return new Promise(() => undefined);
    });

    const call = track(runner.run(operation, { signal: controller.signal }));
    await clock.advance(100);

    expect(call.outcome.reason).toBeInstanceOf(OperationTimeoutError);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBe(call.outcome.reason);
    expect(abortListenerCount(controller.signal)).toBe(0);
  });

  it('reports a late success', async () => {
    const { runner, clock } = createTimeout('cooperative', 100);
    const late: boolean[] = [];
    runner.events.on('success', ({ afterDeadline }) => late.push(afterDeadline));
    let finish!: (value: string) => void;
    const operation = new Callback<string>(() => new Promise((resolve) => (finish = resolve)));

    const call = runner.run(operation);
    await clock.advance(100);
    finish('late');

    await expect(call).resolves.toBe('late');
    expect(late).toEqual([true]);
  });

  it('rejects invalid run input', async () => {
    const { runner } = createTimeout('cooperative');
    const operation = new Callback(() => 'ok');

    await expect(runner.run(null as unknown as Operation)).rejects.toThrow(TypeError);
    await expect(runner.run(operation, 'options' as unknown as RunOptions)).rejects.toThrow(
      TypeError,
    );
    await expect(
      runner.run(operation, { signal: 'signal' as unknown as AbortSignal }),
    ).rejects.toThrow(/`signal` must be an AbortSignal/);
    await expect(runner.run(operation, { attempt: 0 })).rejects.toThrow(RangeError);
  });
});

describe('TimeoutOperationRunner options', () => {
  const inner = new SimpleOperationRunner();
  const build = (options: unknown) => () =>
    new TimeoutOperationRunner(inner, options as { timeoutMs: number });

  it('validates the runner', () => {
    expect(() => new TimeoutOperationRunner({} as OperationRunner, { timeoutMs: 1 })).toThrow(
      /TimeoutOperationRunner: `runner` must be an operation runner/,
    );
  });

  it('requires options', () => {
    expect(build(undefined)).toThrow(/TimeoutOperationRunner: `options` must be an object/);
    expect(build(1_000)).toThrow(TypeError);
  });

  it.each([
    [undefined, TypeError],
    ['1000', TypeError],
    [Number.NaN, RangeError],
    [0, RangeError],
    [-5, RangeError],
    [Infinity, RangeError],
    [2 ** 31, RangeError],
  ])('rejects timeoutMs %s', (timeoutMs, type) => {
    const construct = build({ timeoutMs });

    expect(construct).toThrow(type);
    expect(construct).toThrow(/TimeoutOperationRunner: `timeoutMs` must be a number from 1 to/);
  });

  it('rejects an unknown mode', () => {
    expect(build({ timeoutMs: 1, mode: 'eager' })).toThrow(
      'TimeoutOperationRunner: `mode` must be "cooperative" or "aggressive", received "eager".',
    );
  });

  it('rejects a clock without timers', () => {
    expect(build({ timeoutMs: 1, clock: { now: () => 0 } })).toThrow(
      /TimeoutOperationRunner: `clock` must be a clock/,
    );
  });

  it('exposes its settings', () => {
    const runner = new TimeoutOperationRunner(inner, { timeoutMs: 250 });

    expect(runner.timeoutMs).toBe(250);
    expect(runner.mode).toBe('cooperative');
  });
});

describe('OperationTimeoutError', () => {
  it('has a stable name and code', () => {
    const cause = new Error('slow');
    const error = new OperationTimeoutError({
      timeoutMs: 250,
      mode: 'aggressive',
      operationId: 'op-1',
      cause,
    });

    expect(error).toBeInstanceOf(FaultToleranceError);
    expect(error.name).toBe('OperationTimeoutError');
    expect(error.code).toBe('ERR_OPERATION_TIMEOUT');
    expect(error.timeoutMs).toBe(250);
    expect(error.mode).toBe('aggressive');
    expect(error.operationId).toBe('op-1');
    expect(error.cause).toBe(cause);
    expect(error.message).toContain('250 ms');
  });

  it('has no cause unless given', () => {
    const error = new OperationTimeoutError({ timeoutMs: 1, mode: 'cooperative' });

    expect('cause' in error).toBe(false);
  });
});
