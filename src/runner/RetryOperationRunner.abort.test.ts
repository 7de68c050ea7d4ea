import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConstantBackoff } from '../backoff/ConstantBackoff.js';
import { VirtualClock } from '../clock/VirtualClock.js';
import { NonRetryableError } from '../errors/NonRetryableError.js';
import { Callback } from '../operation/Callback.js';
import { NullWaiter } from '../waiter/NullWaiter.js';
import type { Waiter } from '../waiter/Waiter.js';
import type { OperationRunner } from './OperationRunner.js';
import { RetryOperationRunner } from './RetryOperationRunner.js';
import type { GiveUpEvent } from './RetryOperationRunnerEvents.js';
import {
  createRetryRunner,
  flushCallbacks,
  recordingOperation,
  settlementOf,
} from './RetryOperationRunner.testkit.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';

function abortListeners(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}

describe('RetryOperationRunner abort', () => {
  it('rejects at once during an attempt', async () => {
    const { clock, runner } = createRetryRunner();
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    // The operation ignores its signal and never settles.
    const { operation, attempts } = recordingOperation(clock, () => new Promise(() => {}));

    const settlement = settlementOf(clock, runner.run(operation, { signal: controller.signal }));
    await flushCallbacks();
    controller.abort(reason);

    expect(await settlement).toEqual({ status: 'rejected', reason, at: 0 });
    expect(clock.pendingTimers).toBe(0);
    await clock.runAll();
    expect(attempts).toHaveLength(1);
  });

  it('rejects at once during a wait', async () => {
    const { clock, runner } = createRetryRunner();
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const { operation, attempts } = recordingOperation(clock, () =>
      Promise.reject(new Error('down')),
    );

    const settlement = settlementOf(clock, runner.run(operation, { signal: controller.signal }));
    await clock.advance(50);
    expect(clock.pendingTimers).toBe(1);
    controller.abort(reason);

    expect(await settlement).toEqual({ status: 'rejected', reason, at: 50 });
    expect(clock.pendingTimers).toBe(0);
    await clock.runAll();
    expect(attempts).toHaveLength(1);
  });

  it('starts no attempt after a wait that ignores the signal', async () => {
    const { clock } = createRetryRunner();
    // A waiter that keeps its timer running after an abort.
    const stubborn: Waiter = {
      sleep: (ms) => new Promise((resolve) => clock.setTimeout(resolve, ms)),
    };
    // Counts attempts at the inner runner, since a simple runner would not call an operation
    // whose signal is aborted, and so would hide an attempt started after the abort.
    let runs = 0;
    const counting: OperationRunner = {
      run: (operation, options) => {
        runs++;
        return new SimpleOperationRunner().run(operation, options);
      },
    };
    const runner = new RetryOperationRunner(counting, {
      clock,
      waiter: stubborn,
      backoff: new ConstantBackoff({ delayMs: 100 }),
    });
    const controller = new AbortController();
    const operation = new Callback(() => Promise.reject(new Error('down')));

    const settlement = settlementOf(clock, runner.run(operation, { signal: controller.signal }));
    await clock.advance(10);
    controller.abort();
    await clock.runAll();

    expect(await settlement).toMatchObject({ status: 'rejected', at: 10 });
    expect(runs).toBe(1);
  });

  it('never retries an abort', async () => {
    const { clock, runner } = createRetryRunner({ maxAttempts: 5 });
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    // The operation honors its signal and rejects with its own error.
    const { operation, attempts } = recordingOperation(
      clock,
      (_call, { signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(new Error('request aborted')));
        }),
    );

    const settlement = settlementOf(clock, runner.run(operation, { signal: controller.signal }));
    await flushCallbacks();
    controller.abort(reason);
    await clock.runAll();

    expect(await settlement).toEqual({ status: 'rejected', reason, at: 0 });
    expect(attempts).toHaveLength(1);
  });

  it('never retries an attempt failing after the abort', async () => {
    const { clock, runner } = createRetryRunner({ maxAttempts: 5 });
    const controller = new AbortController();
    const { operation, attempts } = recordingOperation(clock, async () => {
      controller.abort('stop');
      throw new Error('failed while stopping');
    });

    const settlement = settlementOf(clock, runner.run(operation, { signal: controller.signal }));
    await clock.runAll();

    expect(await settlement).toEqual({ status: 'rejected', reason: 'stop', at: 0 });
    expect(attempts).toHaveLength(1);
  });

  it('rejects an aborted signal without running', async () => {
    const { clock, runner } = createRetryRunner();
    const { operation, attempts } = recordingOperation(clock, () => 'value');

    await expect(runner.run(operation, { signal: AbortSignal.abort('gone') })).rejects.toBe('gone');
    expect(attempts).toHaveLength(0);
  });

  it('reports the abort as giving up', async () => {
    const { clock, runner } = createRetryRunner();
    const giveUps: GiveUpEvent[] = [];
    runner.events.on('giveUp', (event) => giveUps.push(event));
    const controller = new AbortController();
    const { operation } = recordingOperation(clock, () => new Promise(() => {}));

    const settlement = settlementOf(clock, runner.run(operation, { signal: controller.signal }));
    await clock.advance(30);
    controller.abort('stop');
    await settlement;

    expect(giveUps).toEqual([
      {
        attempt: 1,
        attempts: 1,
        elapsedMs: 30,
        reason: 'aborted',
        failure: { kind: 'error', error: 'stop' },
      },
    ]);
  });

  it.each([
    ['failure', ['giveUp:aborted']],
    // The abort runs inside the first `retry` listener, before the one that records it.
    ['retry', ['giveUp:aborted', 'retry']],
  ] as const)('starts no wait after an abort from a %s listener', async (type, expected) => {
    const clock = new VirtualClock();
    // A waiter that ignores the signal, so that a wait started after the abort would stay.
    const sleeps: number[] = [];
    const ignoring: Waiter = {
      sleep: (ms) => {
        sleeps.push(ms);
        return new Promise((resolve) => clock.setTimeout(resolve, ms));
      },
    };
    const retry = new RetryOperationRunner(new SimpleOperationRunner(), {
      clock,
      waiter: ignoring,
      backoff: new ConstantBackoff({ delayMs: 10 }),
    });
    const controller = new AbortController();
    const events: string[] = [];
    retry.events.on(type, () => controller.abort('stop'));
    retry.events.on('retry', () => events.push('retry'));
    retry.events.on('giveUp', ({ reason }) => events.push(`giveUp:${reason}`));
    const { operation } = recordingOperation(clock, () => Promise.reject(new Error('down')));

    const settlement = settlementOf(clock, retry.run(operation, { signal: controller.signal }));

    expect(await settlement).toEqual({ status: 'rejected', reason: 'stop', at: 0 });
    expect(events).toEqual(expected);
    expect(sleeps).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('RetryOperationRunner signal listeners', () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error): void => {
    warnings.push(warning);
  };

  beforeEach(() => {
    warnings.length = 0;
    process.on('warning', onWarning);
  });

  afterEach(() => {
    process.off('warning', onWarning);
  });

  it('listens only while an execution runs', async () => {
    const { clock, runner } = createRetryRunner();
    const { signal } = new AbortController();
    const { operation } = recordingOperation(clock, (call) =>
      call === 1 ? Promise.reject(new Error('down')) : 'value',
    );

    const settlement = settlementOf(clock, runner.run(operation, { signal }));
    await flushCallbacks();
    expect(abortListeners(signal)).toBeGreaterThan(0);
    await clock.runAll();
    await settlement;

    expect(abortListeners(signal)).toBe(0);
  });

  it('leaves no listener after 10,000 executions', async () => {
    const runner = new RetryOperationRunner(new SimpleOperationRunner(), {
      maxAttempts: 2,
      waiter: new NullWaiter(),
    });
    const { signal } = new AbortController();
    const outcomes = [
      () => 'value',
      () => Promise.reject(new Error('down')),
      () => {
        throw new NonRetryableError(new Error('bad request'));
      },
    ];

    for (let index = 0; index < 10_000; index++) {
      const outcome = outcomes[index % outcomes.length]!;
      await runner.run(new Callback(outcome), { signal }).catch(() => undefined);
    }
    await flushCallbacks();

    expect(abortListeners(signal)).toBe(0);
    expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
  });

  it('leaves no listener after waits and aborts', async () => {
    const { clock, runner } = createRetryRunner({ maxAttempts: 3 });
    const { signal } = new AbortController();
    const { operation } = recordingOperation(clock, (call) =>
      call % 2 === 1 ? Promise.reject(new Error('down')) : 'value',
    );

    for (let index = 0; index < 1_000; index++) {
      const settlement = settlementOf(clock, runner.run(operation, { signal }));
      await clock.runAll();
      await settlement;
    }
    const alwaysFailing = new Callback(() => Promise.reject(new Error('down')));
    for (let index = 0; index < 100; index++) {
      const controller = new AbortController();
      const combined = AbortSignal.any([signal, controller.signal]);
      const settlement = settlementOf(clock, runner.run(alwaysFailing, { signal: combined }));
      await clock.advance(50);
      controller.abort();
      expect((await settlement).status).toBe('rejected');
      expect(abortListeners(combined)).toBe(0);
    }
    await flushCallbacks();

    expect(abortListeners(signal)).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
  });
});
