import type { Clock } from '../../clock/Clock.js';
import { assertClock } from '../../clock/assertClock.js';
import { MAX_TIMER_DELAY_MS } from '../../clock/maxTimerDelay.js';
import { systemClock } from '../../clock/SystemClock.js';
import type { OperationRegistry } from '../../operation/OperationRegistry.js';
import { assertOperationString } from '../../operation/assertOperationString.js';
import { withDefaults } from '../../options/withDefaults.js';
import { assertNumber } from '../../validation/assertNumber.js';
import { assertOptionsObject } from '../../validation/assertOptionsObject.js';
import { describeValue } from '../../validation/describeValue.js';

/**
 * When `add` counts an operation as stored. `full` syncs the file to disk on every commit, so
 * the operation survives a power loss. `normal` leaves the sync to WAL checkpoints, so a
 * process crash loses nothing, but a power loss may lose the last commits.
 */
export type SqliteDurability = 'full' | 'normal';

/** Options of `SqliteOperationBuffer`. */
export interface SqliteOperationBufferOptions {
  /**
   * The file path, not `":memory:"`. The file is created, readable and writable by its owner
   * only, if missing, unless `readOnly` is set.
   */
  readonly path: string;
  /** The registry whose handlers run the stored operations. */
  readonly registry: OperationRegistry;
  /** The buffer's name: one file contains any number of buffers. @default 'default' */
  readonly name?: string | undefined;
  /** @default 'full' */
  readonly durability?: SqliteDurability | undefined;
  /** How long a call waits for another connection's lock before failing. @default 5_000 */
  readonly busyTimeoutMs?: number | undefined;
  /**
   * How long a drain lease lasts without renewal: a process that crashed while draining blocks
   * the others for at most this long. @default 30_000
   */
  readonly leaseTtlMs?: number | undefined;
  /** Whether to read every page of the file when it opens, to report damage at once. @default true */
  readonly checkIntegrity?: boolean | undefined;
  /** The source of time for lease expiry and timestamps. @default systemClock */
  readonly clock?: Clock | undefined;
  /**
   * Whether to open an existing buffer file for reading only, to inspect it. The file is never
   * created, migrated or switched to WAL mode, no lease is taken, and every method that writes
   * rejects with a `BufferReadOnlyError`. A file without this library's tables is reported as
   * `not-a-buffer`. @default false
   *
   * NOTE: SQLite creates the `-wal` and `-shm` files beside a WAL database for every reader, and
   * a read-only connection leaves them (the `-wal` empty) when it closes. The next buffer opened
   * without `readOnly` removes them when it closes.
   */
  readonly readOnly?: boolean | undefined;
}

/** The options with their defaults applied. */
export interface SqliteBufferSettings {
  readonly path: string;
  readonly registry: OperationRegistry;
  readonly name: string;
  readonly durability: SqliteDurability;
  readonly busyTimeoutMs: number;
  readonly leaseTtlMs: number;
  readonly checkIntegrity: boolean;
  readonly clock: Clock;
  readonly readOnly: boolean;
}

const DEFAULTS: Readonly<Omit<SqliteBufferSettings, 'path' | 'registry'>> = Object.freeze({
  name: 'default',
  durability: 'full',
  busyTimeoutMs: 5_000,
  leaseTtlMs: 30_000,
  checkIntegrity: true,
  clock: systemClock,
  readOnly: false,
});

const COMPONENT = 'SqliteOperationBuffer';

/** Applies the defaults to `options` in a new object and validates every option. */
export function resolveSqliteOptions(
  options: SqliteOperationBufferOptions | undefined,
): SqliteBufferSettings {
  if (options === undefined) {
    throw new TypeError(
      `${COMPONENT}: \`options\` with a \`path\` and a \`registry\` are required.`,
    );
  }
  assertOptionsObject(COMPONENT, 'options', options);
  const merged = withDefaults(DEFAULTS, options);
  const settings = {
    path: merged.path,
    registry: merged.registry,
    name: merged.name,
    durability: merged.durability,
    busyTimeoutMs: merged.busyTimeoutMs,
    leaseTtlMs: merged.leaseTtlMs,
    checkIntegrity: merged.checkIntegrity,
    clock: merged.clock,
    readOnly: merged.readOnly,
  };
  assertPath(settings.path);
  assertRegistry(settings.registry);
  assertOperationString(COMPONENT, 'name', settings.name);
  assertDurability(settings.durability);
  assertNumber(COMPONENT, 'busyTimeoutMs', settings.busyTimeoutMs, {
    min: 0,
    max: MAX_TIMER_DELAY_MS,
    integer: true,
  });
  assertNumber(COMPONENT, 'leaseTtlMs', settings.leaseTtlMs, {
    min: 10,
    max: MAX_TIMER_DELAY_MS,
    integer: true,
  });
  assertBoolean('checkIntegrity', settings.checkIntegrity);
  assertClock(COMPONENT, 'clock', settings.clock);
  assertBoolean('readOnly', settings.readOnly);
  return settings;
}

function assertBoolean(option: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean') {
    throw new TypeError(
      `${COMPONENT}: \`${option}\` must be a boolean, received ${describeValue(value)}.`,
    );
  }
}

function assertPath(path: unknown): asserts path is string {
  assertOperationString(COMPONENT, 'path', path);
  // better-sqlite3 opens a database in memory for this name, which a restart would lose.
  if (path === ':memory:') {
    throw new RangeError(
      `${COMPONENT}: \`path\` must name a file, received ":memory:", which keeps nothing ` +
        'across a restart; use `InMemoryKeyedOperationBuffer` for a buffer in memory.',
    );
  }
}

function assertRegistry(registry: unknown): asserts registry is OperationRegistry {
  const candidate = registry as Partial<OperationRegistry> | null | undefined;
  if (typeof candidate?.restore !== 'function' || typeof candidate.has !== 'function') {
    throw new TypeError(
      `${COMPONENT}: \`registry\` must be an operation registry ` +
        `(\`new OperationRegistry()\`), received ${describeValue(registry)}.`,
    );
  }
}

function assertDurability(durability: unknown): asserts durability is SqliteDurability {
  if (durability !== 'full' && durability !== 'normal') {
    throw new RangeError(
      `${COMPONENT}: \`durability\` must be 'full' or 'normal', ` +
        `received ${describeValue(durability)}.`,
    );
  }
}
