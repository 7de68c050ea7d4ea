import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/VirtualClock.js';
import type { BufferedOperationError } from '../../errors/BufferedOperationError.js';
import { BufferLeaseError } from '../../errors/BufferLeaseError.js';
import { RunnerClosedError } from '../../errors/RunnerClosedError.js';
import { OperationRegistry } from '../../operation/OperationRegistry.js';
import { BufferedOperationRunner } from '../../runner/BufferedOperationRunner.js';
import { SimpleOperationRunner } from '../../runner/SimpleOperationRunner.js';
import { SqliteOperationBuffer } from './SqliteOperationBuffer.js';
import { openBuffer, temporaryFolder } from './sqliteBuffer.testkit.js';

function failingRegistry(attempts: number[]): OperationRegistry {
  return new OperationRegistry().register('flaky', (_payload, { attempt }) => {
    attempts.push(attempt);
    throw new Error('still down');
  });
}

describe('SqliteOperationBuffer with BufferedOperationRunner', () => {
  it('carries attempt counts across a restart', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const attempts: number[] = [];
    const registry = failingRegistry(attempts);
    const clock = new VirtualClock({ startAt: 1_000 });
    const options = { clock, backoff: () => 100 };
    const first = new SqliteOperationBuffer({ path, registry, clock });
    const runner = new BufferedOperationRunner(new SimpleOperationRunner(), first, options);
    await runner.run(registry.operation('flaky', {})).catch(() => undefined);
    await clock.advance(100);
    await runner.runBufferedOperations().catch(() => undefined);
    await runner.close();
    await first.close();

    const second = openBuffer({ path, registry, clock });
    const restarted = new BufferedOperationRunner(new SimpleOperationRunner(), second, options);
    await restarted.runBufferedOperations();
    await clock.advance(100);
    await restarted.runBufferedOperations().catch(() => undefined);

    expect(attempts).toEqual([1, 2, 3]);
    expect((await second.heads())[0]).toMatchObject({ attempts: 3, nextAttemptAt: 1_300 });
    await restarted.close();
  });

  it('moves an operation of an unknown name to the dead letters', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const old = new OperationRegistry().register('retired', () => 1);
    const writer = new SqliteOperationBuffer({ path, registry: old });
    await writer.add(old.operation('retired', { n: 1 }, { id: 'op-1' }));
    await writer.close();

    const buffer = openBuffer({ path, registry: new OperationRegistry() });
    const runner = new BufferedOperationRunner(new SimpleOperationRunner(), buffer, {
      deadLetters: true,
    });
    await runner.runBufferedOperations();

    expect(await buffer.size()).toBe(0);
    expect((await buffer.deadLetters())[0]).toMatchObject({
      operationId: 'op-1',
      attempts: 1,
      error: { name: 'UnknownOperationError' },
    });
    await runner.close();
  });

  it('moves a damaged payload to the dead letters', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const registry = new OperationRegistry().register('echo', (payload) => payload);
    const writer = new SqliteOperationBuffer({ path, registry });
    await writer.add(registry.operation('echo', { n: 1 }, { id: 'damaged', key: 'a' }));
    await writer.add(registry.operation('echo', { n: 2 }, { id: 'intact', key: 'b' }));
    await writer.close();
    const raw = new Database(path);
    raw
      .prepare('UPDATE fault_tolerance_operations SET payload = \'{"n": \' WHERE id = ?')
      .run('damaged');
    raw.close();

    const buffer = openBuffer({ path, registry });
    const runner = new BufferedOperationRunner(new SimpleOperationRunner(), buffer, {
      deadLetters: true,
    });
    const results = await runner.runBufferedOperations();

    expect(results).toEqual([{ n: 2 }]);
    expect(await buffer.size()).toBe(0);
    expect((await buffer.deadLetters())[0]).toMatchObject({
      operationId: 'damaged',
      error: { name: 'NonRetryableError' },
    });
    await runner.close();
    await buffer.close();
    const check = new Database(path);
    const stored = check.prepare('SELECT payload FROM fault_tolerance_dead_letters').get();
    check.close();
    expect(stored).toEqual({ payload: '{"n": ' });
  });

  it('leaves a buffer leased by another runner alone', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const executions: string[] = [];
    let release: () => void = () => undefined;
    const registry = new OperationRegistry().register('hold', async (label: string) => {
      executions.push(label);
      if (label === 'held') {
        await new Promise<void>((resolve) => (release = resolve));
      }
    });
    const holderRunner = new BufferedOperationRunner(
      new SimpleOperationRunner(),
      openBuffer({ path, registry }),
    );
    const otherRunner = new BufferedOperationRunner(
      new SimpleOperationRunner(),
      openBuffer({ path, registry }),
    );
    const held = holderRunner.run(registry.operation('hold', 'held'));
    await new Promise((resolve) => setImmediate(resolve));

    const refused: unknown = await otherRunner
      .run(registry.operation('hold', 'other'))
      .catch((error: unknown) => error);
    const duringHold = [...executions];
    release();
    await held;

    const error = refused as BufferedOperationError;
    expect(error).toMatchObject({ kept: true, failedItself: false });
    expect(error.cause).toBeInstanceOf(BufferLeaseError);
    expect(duringHold).toEqual(['held']);
    await holderRunner.close();
    await otherRunner.close();
  });

  it('keeps the lease while another runner drains', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const clock = new VirtualClock({ startAt: 1_000_000 });
    let release: () => void = () => undefined;
    const registry = new OperationRegistry().register('hold', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return 'held';
    });
    const shared = openBuffer({ path, registry, clock });
    const closing = new BufferedOperationRunner(new SimpleOperationRunner(), shared, { clock });
    const draining = new BufferedOperationRunner(new SimpleOperationRunner(), shared, { clock });
    const other = openBuffer({ path, registry, clock });

    const held = draining.run(registry.operation('hold', null));
    await new Promise((resolve) => setImmediate(resolve));
    await closing.close();
    const whileHeld = await other.acquireLease().catch((error: unknown) => error);
    release();

    expect(whileHeld).toBeInstanceOf(BufferLeaseError);
    expect(await held).toBe('held');
    await draining.close();
    await expect(other.acquireLease()).resolves.toBeUndefined();
  });

  it('leaves the lease free after close', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const clock = new VirtualClock({ startAt: 1_000_000 });
    const registry = new OperationRegistry().register('echo', (payload) => payload);
    const runner = new BufferedOperationRunner(
      new SimpleOperationRunner(),
      openBuffer({ path, registry, clock }),
      { clock },
    );
    const other = openBuffer({ path, registry, clock });

    // The add commits on the next tick, after close() has given the lease back.
    const late = runner.run(registry.operation('echo', 'late')).catch((error: unknown) => error);
    await runner.close();
    const error = (await late) as BufferedOperationError;

    expect(error).toMatchObject({ kept: true });
    expect(error.cause).toBeInstanceOf(RunnerClosedError);
    await expect(other.acquireLease()).resolves.toBeUndefined();
    expect(await other.size()).toBe(1);
  });
});
