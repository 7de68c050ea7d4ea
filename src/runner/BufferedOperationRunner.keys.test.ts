import { describe, expect, it, onTestFinished } from 'vitest';
import { InMemoryKeyedOperationBuffer } from '../buffer/InMemoryKeyedOperationBuffer.js';
import { InMemoryOperationBuffer } from '../buffer/InMemoryOperationBuffer.js';
import { VirtualClock } from '../clock/VirtualClock.js';
import { BufferedOperationError } from '../errors/BufferedOperationError.js';
import { NonRetryableError } from '../errors/NonRetryableError.js';
import { RunnerClosedError } from '../errors/RunnerClosedError.js';
import { OperationRegistry } from '../operation/OperationRegistry.js';
import { BufferedOperationRunner } from './BufferedOperationRunner.js';
import type { BufferedOperationRunnerOptions } from './BufferedOperationRunnerOptions.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';

/**
 * A registry whose `step` handler records `<label>#<attempt>` and fails while `failures`
 * contains the label (with a `NonRetryableError` when the label starts with `poison`).
 */
function harness(options: BufferedOperationRunnerOptions = {}) {
  const clock = new VirtualClock({ startAt: 1_000_000 });
  const executions: string[] = [];
  const failing = new Set<string>();
  const slow = new Map<string, number>();
  const registry = new OperationRegistry().register('step', async (label: string, { attempt }) => {
    executions.push(`${label}#${attempt}`);
    const delayMs = slow.get(label);
    if (delayMs !== undefined) {
      await new Promise<void>((resolve) => clock.setTimeout(resolve, delayMs));
    }
    if (label.startsWith('poison')) {
      throw new NonRetryableError(new Error(`${label} is rejected`));
    }
    if (failing.has(label)) {
      throw new Error(`${label} failed`);
    }
    return `done:${label}`;
  });
  const buffer = new InMemoryKeyedOperationBuffer({ clock });
  const runner = new BufferedOperationRunner(new SimpleOperationRunner(), buffer, {
    clock,
    backoff: (attempt) => 100 * 2 ** (attempt - 1),
    ...options,
  });
  const step = (label: string, key?: string) =>
    registry.operation('step', label, { id: label, key });
  return { clock, executions, failing, slow, registry, buffer, runner, step };
}

async function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

describe('BufferedOperationRunner with keys', () => {
  it('blocks only the key of a failing head', async () => {
    const { executions, failing, runner, step } = harness();
    failing.add('a1');

    const results = await Promise.all([
      settle(runner.run(step('a1', 'a'))),
      settle(runner.run(step('a2', 'a'))),
      settle(runner.run(step('b1', 'b'))),
    ]);

    expect(executions).toEqual(['a1#1', 'b1#1']);
    expect(results[2]).toEqual({ value: 'done:b1' });
    expect((results[0] as { error: BufferedOperationError }).error).toMatchObject({
      kept: true,
      failedItself: true,
    });
    expect((results[1] as { error: BufferedOperationError }).error).toMatchObject({
      kept: true,
      failedItself: false,
      cause: new Error('a1 failed'),
    });
  });

  it('keeps one order for operations without a key', async () => {
    const { executions, failing, runner, step } = harness();
    failing.add('first');

    await Promise.all([
      settle(runner.run(step('first'))),
      settle(runner.run(step('second'))),
      settle(runner.run(step('keyed', 'k'))),
    ]);

    expect(executions).toEqual(['first#1', 'keyed#1']);
  });

  it('waits for the backoff before a replay', async () => {
    const { clock, executions, failing, runner, step } = harness();
    failing.add('a1');
    await settle(runner.run(step('a1', 'a')));

    await runner.runBufferedOperations();
    await clock.advance(99);
    await runner.runBufferedOperations();
    await clock.advance(1);
    failing.delete('a1');
    const results = await runner.runBufferedOperations();

    expect(executions).toEqual(['a1#1', 'a1#2']);
    expect(results).toEqual(['done:a1']);
  });

  it('replays each key in order', async () => {
    const { clock, executions, failing, runner, step } = harness();
    failing.add('a1');
    await Promise.all(['a1', 'a2', 'a3'].map((label) => settle(runner.run(step(label, 'a')))));
    failing.delete('a1');

    await clock.advance(100);
    const results = await runner.runBufferedOperations();

    expect(results).toEqual(['done:a1', 'done:a2', 'done:a3']);
    expect(executions).toEqual(['a1#1', 'a1#2', 'a2#1', 'a3#1']);
  });

  it('reports a kept operation that waits behind its key', async () => {
    const { failing, runner, step } = harness();
    failing.add('a1');
    await settle(runner.run(step('a1', 'a')));

    const later = await settle(runner.run(step('a2', 'a')));

    const error = (later as { error: BufferedOperationError }).error;
    expect(error).toBeInstanceOf(BufferedOperationError);
    expect(error).toMatchObject({ kept: true, failedItself: false });
    expect((error.cause as Error).message).toContain('waits until');
  });
});

describe('BufferedOperationRunner dead letters', () => {
  it('moves a final failure aside at once', async () => {
    const { buffer, executions, runner, step } = harness({ deadLetters: true });

    const results = await Promise.all([
      settle(runner.run(step('poison', 'a'))),
      settle(runner.run(step('a2', 'a'))),
    ]);

    expect(executions).toEqual(['poison#1', 'a2#1']);
    expect((results[0] as { error: BufferedOperationError }).error).toMatchObject({
      kept: false,
      failedItself: true,
    });
    expect(results[1]).toEqual({ value: 'done:a2' });
    expect(buffer.deadLetters().map((letter) => letter.operationId)).toEqual(['poison']);
  });

  it('moves an operation aside after its last attempt', async () => {
    const { buffer, clock, executions, failing, runner, step } = harness({
      deadLetters: { maxAttempts: 3 },
    });
    failing.add('flaky');
    await settle(runner.run(step('flaky', 'a')));

    for (const wait of [100, 200]) {
      await clock.advance(wait);
      await settle(runner.runBufferedOperations());
    }

    expect(executions).toEqual(['flaky#1', 'flaky#2', 'flaky#3']);
    expect(buffer.size()).toBe(0);
    expect(buffer.deadLetters()[0]).toMatchObject({
      operationId: 'flaky',
      key: 'a',
      attempts: 3,
      error: { name: 'Error', message: 'flaky failed' },
    });
  });

  it('keeps retrying without dead letters', async () => {
    const { buffer, executions, runner, step } = harness();

    await settle(runner.run(step('poison', 'a')));

    expect(executions).toEqual(['poison#1']);
    expect(buffer.size()).toBe(1);
    expect(buffer.deadLetters()).toEqual([]);
  });

  it('emits deadLettered without the payload', async () => {
    const { runner, step } = harness({ deadLetters: true });
    const events: unknown[] = [];
    runner.events.on('deadLettered', (event) => events.push(event));

    await settle(runner.run(step('poison-secret', 'a')));

    expect(events).toEqual([
      {
        operationId: 'poison-secret',
        key: 'a',
        attempts: 1,
        error: expect.any(NonRetryableError) as unknown,
      },
    ]);
  });

  it('runs a requeued operation first in its key', async () => {
    const { buffer, executions, runner, step } = harness({ deadLetters: true });
    await settle(runner.run(step('poison', 'a')));
    buffer.add(step('a2', 'a'));

    buffer.requeue('poison', { position: 'head' });
    await settle(runner.runBufferedOperations());

    expect(executions).toEqual(['poison#1', 'poison#1', 'a2#1']);
  });

  it('moves aside an error with an odd message', async () => {
    const clock = new VirtualClock();
    const buffer = new InMemoryKeyedOperationBuffer({ clock });
    const runner = new BufferedOperationRunner(new SimpleOperationRunner(), buffer, {
      clock,
      backoff: () => 0,
      deadLetters: { maxAttempts: 2 },
    });
    const odd = Object.assign(new Error('down'), { message: 42 });
    const registry = new OperationRegistry()
      .register('odd', () => Promise.reject(odd))
      .register('fine', () => 'fine');

    const first = await settle(
      runner.run(registry.operation('odd', null, { id: 'odd', key: 'a' })),
    );
    const other = await settle(runner.run(registry.operation('fine', null, { key: 'b' })));
    await settle(runner.runBufferedOperations());

    expect((first as { error: BufferedOperationError }).error.cause).toBe(odd);
    expect(other).toEqual({ value: 'fine' });
    expect(buffer.deadLetters()).toMatchObject([
      { operationId: 'odd', attempts: 2, error: { name: 'Error', message: '' } },
    ]);
  });

  it('needs a buffer with dead letters', () => {
    const create = () =>
      new BufferedOperationRunner(new SimpleOperationRunner(), new InMemoryOperationBuffer(), {
        deadLetters: true,
      });

    expect(create).toThrow(TypeError);
    expect(create).toThrow(/`deadLetters` needs a buffer with keys and dead letters/);
  });
});

describe('BufferedOperationRunner background drainer', () => {
  it('replays stored operations without a run', async () => {
    const { buffer, clock, executions, runner, step } = harness();
    buffer.add(step('stored-1'));
    buffer.add(step('stored-2'));

    runner.start();
    await clock.advance(0);

    expect(executions).toEqual(['stored-1#1', 'stored-2#1']);
    await runner.stop();
  });

  it('backs off while the head keeps failing', async () => {
    const { buffer, clock, failing, runner, step } = harness({ pollIntervalMs: 60_000 });
    const startedAt: number[] = [];
    runner.events.on('failure', () => startedAt.push(clock.now() - 1_000_000));
    failing.add('down');
    buffer.add(step('down', 'a'));

    runner.start();
    await clock.advance(1_500);
    await runner.stop();

    expect(startedAt).toEqual([0, 100, 300, 700, 1_500]);
  });

  it('backs off on a buffer without keys', async () => {
    const clock = new VirtualClock();
    const buffer = new InMemoryOperationBuffer();
    const attempts: number[] = [];
    const runner = new BufferedOperationRunner(new SimpleOperationRunner(), buffer, {
      clock,
      backoff: (attempt) => 10 * attempt,
      pollIntervalMs: 60_000,
    });
    buffer.add({
      execute: () => {
        attempts.push(clock.now());
        throw new Error('down');
      },
    });

    runner.start();
    await clock.advance(60);
    await runner.stop();

    expect(attempts).toEqual([0, 10, 30, 60]);
  });

  it('polls for operations added elsewhere', async () => {
    const { buffer, clock, executions, runner, step } = harness({ pollIntervalMs: 500 });
    runner.start();
    await clock.advance(0);

    buffer.add(step('late'));
    await clock.advance(499);
    const before = [...executions];
    await clock.advance(1);

    expect(before).toEqual([]);
    expect(executions).toEqual(['late#1']);
    await runner.stop();
  });

  it('stops scheduling after stop', async () => {
    const { buffer, clock, executions, runner, step } = harness({ pollIntervalMs: 100 });
    runner.start();
    await clock.advance(0);

    await runner.stop();
    buffer.add(step('after-stop'));
    await clock.advance(1_000);

    expect(executions).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('runs one loop after a quick restart', async () => {
    const { buffer, clock, executions, runner, slow, step } = harness({ pollIntervalMs: 100 });
    slow.set('slow', 50);
    buffer.add(step('slow'));
    runner.start();
    await clock.advance(0);

    const stopped = runner.stop();
    runner.start();
    await clock.advance(50);
    await stopped;
    const timersWhileRunning = clock.pendingTimers;
    await runner.stop();
    buffer.add(step('after-stop'));
    await clock.advance(1_000);

    expect(timersWhileRunning).toBe(1);
    expect(clock.pendingTimers).toBe(0);
    expect(executions).toEqual(['slow#1']);
  });

  it('keeps draining when the backoff throws', async () => {
    const clock = new VirtualClock();
    const buffer = new InMemoryOperationBuffer();
    const runner = new BufferedOperationRunner(new SimpleOperationRunner(), buffer, {
      clock,
      backoff: () => {
        throw new Error('backoff failed');
      },
    });
    const unhandled: unknown[] = [];
    const trap = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', trap);
    onTestFinished(() => {
      process.off('unhandledRejection', trap);
    });
    let down = true;
    const attempts: number[] = [];
    buffer.add({
      execute: () => {
        attempts.push(clock.now());
        if (down) {
          throw new Error('down');
        }
      },
    });

    runner.start();
    await clock.advance(0);
    down = false;
    await clock.advance(60_000);
    await new Promise((resolve) => setImmediate(resolve));

    expect(unhandled).toEqual([]);
    expect(attempts).toEqual([0, 60_000]);
    expect(buffer.size()).toBe(0);
    await expect(runner.stop()).resolves.toBeUndefined();
  });
});

describe('BufferedOperationRunner close', () => {
  it('waits for the operation in flight and keeps the rest', async () => {
    const { buffer, clock, executions, runner, slow, step } = harness();
    slow.set('slow', 1_000);
    const first = settle(runner.run(step('slow')));
    const second = settle(runner.run(step('next')));
    await clock.advance(500);

    let closed = false;
    const closing = runner.close().then(() => (closed = true));
    await clock.advance(499);
    const closedEarly = closed;
    await clock.advance(1);
    await closing;

    expect(closedEarly).toBe(false);
    expect(await first).toEqual({ value: 'done:slow' });
    const error = ((await second) as { error: BufferedOperationError }).error;
    expect(error).toMatchObject({ kept: true });
    expect(error.cause).toBeInstanceOf(RunnerClosedError);
    expect(executions).toEqual(['slow#1']);
    expect(buffer.size()).toBe(1);
  });

  it('rejects calls after close', async () => {
    const { runner, step } = harness();

    await runner.close();

    await expect(runner.run(step('late'))).rejects.toBeInstanceOf(RunnerClosedError);
    expect(() => runner.start()).toThrow(RunnerClosedError);
  });

  it('rejects a drain after close', async () => {
    const { buffer, executions, runner, step } = harness();
    buffer.add(step('stored'));

    await runner.close();

    await expect(runner.runBufferedOperations()).rejects.toBeInstanceOf(RunnerClosedError);
    expect(executions).toEqual([]);
    expect(buffer.size()).toBe(1);
  });
});
