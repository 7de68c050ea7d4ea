import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteOperationBuffer } from './SqliteOperationBuffer.js';
import { echoRegistry, temporaryFolder } from './sqliteBuffer.testkit.js';

describe('resolveSqliteOptions', () => {
  const registry = echoRegistry();

  // Every case fails validation, so the file at `path` is never created.
  it.each([
    ['no options', undefined, TypeError, /`options` with a `path` and a `registry`/],
    [
      'a missing path',
      { path: undefined },
      TypeError,
      /`path` must be a non-empty string, received undefined/,
    ],
    [
      'a missing registry',
      { registry: undefined },
      TypeError,
      /`registry` must be an operation registry/,
    ],
    [
      'an in-memory path',
      { path: ':memory:' },
      RangeError,
      /`path` must name a file, received ":memory:"/,
    ],
    ['an empty name', { name: '' }, TypeError, /`name` must be a non-empty string/],
    [
      'a name with a lone surrogate',
      { name: 'outbox-\ud800' },
      TypeError,
      /`name` contains a lone surrogate/,
    ],
    [
      'an unknown durability',
      { durability: 'fast' },
      RangeError,
      /`durability` must be 'full' or 'normal', received "fast"/,
    ],
    [
      'a negative busy timeout',
      { busyTimeoutMs: -1 },
      RangeError,
      /`busyTimeoutMs` must be an integer from 0 to 2147483647, received -1/,
    ],
    ['a NaN lease', { leaseTtlMs: NaN }, RangeError, /`leaseTtlMs` must be an integer from 10/],
    ['a tiny lease', { leaseTtlMs: 5 }, RangeError, /`leaseTtlMs`.*received 5/],
    [
      'a string integrity flag',
      { checkIntegrity: 'yes' },
      TypeError,
      /`checkIntegrity` must be a boolean/,
    ],
    ['a clock without methods', { clock: {} }, TypeError, /`clock` must be a clock/],
    [
      'a string read-only flag',
      { readOnly: 'yes' },
      TypeError,
      /`readOnly` must be a boolean, received "yes"/,
    ],
  ])('rejects %s', (_case, options, type, message) => {
    const create = () =>
      new SqliteOperationBuffer(
        options === undefined
          ? (undefined as never)
          : ({ path: 'never-created.db', registry, ...options } as never),
      );

    expect(create).toThrow(type);
    expect(create).toThrow(message);
    expect(create).toThrow(/^SqliteOperationBuffer: /);
  });

  it('applies the defaults', async () => {
    const buffer = new SqliteOperationBuffer({ path: join(temporaryFolder(), 'b.db'), registry });

    expect(buffer.name).toBe('default');
    expect(buffer.durability).toBe('full');
    expect(buffer.readOnly).toBe(false);
    await buffer.close();
  });

  it('accepts normal durability', async () => {
    const buffer = new SqliteOperationBuffer({
      path: join(temporaryFolder(), 'b.db'),
      registry,
      durability: 'normal',
    });

    expect(buffer.durability).toBe('normal');
    await buffer.close();
  });
});
