import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/VirtualClock.js';
import { BufferLeaseError } from '../../errors/BufferLeaseError.js';
import { echoRegistry, openBuffer, temporaryFolder } from './sqliteBuffer.testkit.js';

const registry = echoRegistry();
const TTL_MS = 1_000;

function twoBuffers(name = 'default') {
  const path = join(temporaryFolder(), 'b.db');
  const clock = new VirtualClock({ startAt: 10_000 });
  const options = { path, registry, clock, leaseTtlMs: TTL_MS, name };
  return { path, clock, first: openBuffer(options), second: openBuffer(options) };
}

describe('SqliteLease', () => {
  it('lets one owner at a time take the lease', async () => {
    const { first, second } = twoBuffers();

    await first.acquireLease();
    const refused = second.acquireLease();

    await expect(refused).rejects.toBeInstanceOf(BufferLeaseError);
    await expect(refused).rejects.toMatchObject({ buffer: 'default', expiresAt: 11_000 });
  });

  it('lets its holder take it again', async () => {
    const { first } = twoBuffers();

    await first.acquireLease();

    await expect(first.acquireLease()).resolves.toBeUndefined();
  });

  it('refuses drain steps to other owners', async () => {
    const { first, second } = twoBuffers();
    await first.add(registry.operation('echo', 1));
    await first.acquireLease();
    const [entry] = await second.heads();
    const error = { name: 'Error', message: 'failed' };

    await expect(second.pop()).rejects.toBeInstanceOf(BufferLeaseError);
    await expect(second.remove(entry!)).rejects.toBeInstanceOf(BufferLeaseError);
    await expect(
      second.recordFailure(entry!, { attempts: 1, nextAttemptAt: 0, error }),
    ).rejects.toBeInstanceOf(BufferLeaseError);
    await expect(
      second.deadLetter(entry!, { attempts: 1, error, failedAt: 0 }),
    ).rejects.toBeInstanceOf(BufferLeaseError);
    expect(await second.size()).toBe(1);
  });

  it('lets other owners add while held', async () => {
    const { first, second } = twoBuffers();
    await first.acquireLease();

    await second.add(registry.operation('echo', 1));

    expect(await first.size()).toBe(1);
  });

  it('renews the lease while held', async () => {
    const { clock, first, second } = twoBuffers();
    await first.acquireLease();

    await clock.advance(TTL_MS * 5);

    await expect(second.acquireLease()).rejects.toBeInstanceOf(BufferLeaseError);
  });

  it('passes the lease on after a release', async () => {
    const { first, second } = twoBuffers();
    await first.acquireLease();

    await first.releaseLease();

    await expect(second.acquireLease()).resolves.toBeUndefined();
    await expect(first.acquireLease()).rejects.toBeInstanceOf(BufferLeaseError);
  });

  it('passes the lease on after close', async () => {
    const { first, second } = twoBuffers();
    await first.acquireLease();

    await first.close();

    await expect(second.acquireLease()).resolves.toBeUndefined();
  });

  it('frees the lease of a crashed holder once it expires', async () => {
    const { path, clock, second } = twoBuffers();
    const raw = new Database(path);
    raw
      .prepare('INSERT INTO fault_tolerance_leases (buffer, owner, expires_at) VALUES (?, ?, ?)')
      .run('default', 'crashed-process', clock.now() + TTL_MS);
    raw.close();

    await expect(second.acquireLease()).rejects.toBeInstanceOf(BufferLeaseError);
    await clock.advance(TTL_MS);

    await expect(second.acquireLease()).resolves.toBeUndefined();
  });

  it('keeps leases of named buffers apart', async () => {
    const path = join(temporaryFolder(), 'b.db');
    const emails = openBuffer({ path, registry, name: 'emails' });
    const invoices = openBuffer({ path, registry, name: 'invoices' });

    await emails.acquireLease();

    await expect(invoices.acquireLease()).resolves.toBeUndefined();
  });
});
