import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/VirtualClock.js';
import { BufferClosedError } from '../../errors/BufferClosedError.js';
import { UnknownOperationError } from '../../errors/UnknownOperationError.js';
import { OperationRegistry } from '../../operation/OperationRegistry.js';
import { SqliteOperationBuffer } from './SqliteOperationBuffer.js';
import { echoRegistry, openBuffer, temporaryFolder } from './sqliteBuffer.testkit.js';

const registry = echoRegistry();

describe('SqliteOperationBuffer.entries', () => {
  it('lists operations oldest first', async () => {
    const clock = new VirtualClock({ startAt: 1_000 });
    const buffer = openBuffer({ path: join(temporaryFolder(), 'b.db'), registry, clock });
    await buffer.add(registry.operation('echo', 'b1', { id: 'b1', key: 'b' }));
    await clock.advance(10);
    await buffer.add(registry.operation('echo', 'a1', { id: 'a1', key: 'a' }));
    await clock.advance(10);
    await buffer.add(registry.operation('echo', 'u1', { id: 'u1', idempotencyKey: 'once' }));

    const entries = await buffer.entries();

    expect(entries.map((entry) => entry.operationId)).toEqual(['b1', 'a1', 'u1']);
    expect(entries.map((entry) => entry.key)).toEqual(['b', 'a', undefined]);
    expect(entries.map((entry) => entry.addedAt)).toEqual([1_000, 1_010, 1_020]);
    expect(entries[2]?.operation.idempotencyKey).toBe('once');
    expect(entries[2]?.operation.payload).toBe('u1');
  });

  it('lists every operation of a key, not only the head', async () => {
    const buffer = openBuffer({ path: join(temporaryFolder(), 'b.db'), registry });
    for (const id of ['k1', 'k2', 'k3']) {
      await buffer.add(registry.operation('echo', id, { id, key: 'k' }));
    }

    const entries = await buffer.entries();

    expect(entries.map((entry) => entry.operationId)).toEqual(['k1', 'k2', 'k3']);
    expect((await buffer.heads()).length).toBe(1);
  });

  it('includes retry progress and the last error', async () => {
    const buffer = openBuffer({ path: join(temporaryFolder(), 'b.db'), registry });
    await buffer.add(registry.operation('echo', 'flaky', { id: 'flaky' }));
    await buffer.add(registry.operation('echo', 'fresh', { id: 'fresh' }));
    const [head] = await buffer.heads();
    await buffer.recordFailure(head!, {
      attempts: 2,
      nextAttemptAt: 5_000,
      error: { name: 'HttpError', message: 'HTTP 503' },
    });

    const [flaky, fresh] = await buffer.entries();

    expect(flaky).toMatchObject({ attempts: 2, nextAttemptAt: 5_000 });
    expect(flaky?.lastError).toEqual({ name: 'HttpError', message: 'HTTP 503' });
    expect(fresh).toMatchObject({ attempts: 0, nextAttemptAt: 0, lastError: undefined });
  });

  it('leaves out dead letters and other buffers', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const buffer = openBuffer({ path, registry });
    const other = openBuffer({ path, registry, name: 'other' });
    await buffer.add(registry.operation('echo', 'poison', { id: 'poison' }));
    await buffer.add(registry.operation('echo', 'kept', { id: 'kept' }));
    await other.add(registry.operation('echo', 'elsewhere', { id: 'elsewhere' }));
    const [head] = await buffer.heads();
    await buffer.deadLetter(head!, {
      attempts: 1,
      error: { name: 'E', message: 'm' },
      failedAt: 1,
    });

    const entries = await buffer.entries();

    expect(entries.map((entry) => entry.operationId)).toEqual(['kept']);
  });

  it('reads without handlers and runs none', async () => {
    const path = join(temporaryFolder(), 'b.db');
    let runs = 0;
    const writerRegistry = new OperationRegistry().register('count', () => {
      runs++;
    });
    const writer = new SqliteOperationBuffer({ path, registry: writerRegistry });
    await writer.add(writerRegistry.operation('count', { n: 1 }, { id: 'c1' }));
    await writer.close();

    const reader = openBuffer({ path, registry: new OperationRegistry() });
    const [entry] = await reader.entries();

    expect(entry?.operationId).toBe('c1');
    expect(entry?.operation.name).toBe('count');
    expect(entry?.operation.payload).toEqual({ n: 1 });
    expect(runs).toBe(0);
    const context = { signal: new AbortController().signal, attempt: 1 };
    expect(() => entry!.operation.execute(context)).toThrow(UnknownOperationError);
  });

  it('leaves the operations in the file', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const buffer = openBuffer({ path, registry });
    await buffer.add(registry.operation('echo', 1, { id: 'one' }));
    await buffer.entries();
    await buffer.close();

    const reopened = openBuffer({ path, registry });

    expect(await reopened.size()).toBe(1);
    expect((await reopened.current())?.id).toBe('one');
  });

  it('returns an empty list for an empty buffer', async () => {
    const buffer = openBuffer({ path: join(temporaryFolder(), 'b.db'), registry });

    expect(await buffer.entries()).toEqual([]);
  });

  it('rejects after close', async () => {
    const buffer = openBuffer({ path: join(temporaryFolder(), 'b.db'), registry });
    await buffer.close();

    await expect(buffer.entries()).rejects.toBeInstanceOf(BufferClosedError);
  });
});
