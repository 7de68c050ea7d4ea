// Measures SqliteOperationBuffer against raw better-sqlite3 statements on the same kind of file
// (WAL mode, the same table, a temporary folder), at both durability settings:
// - add then pop, one operation at a time, against a raw insert then delete of the head;
// - adds from 100 concurrent producers, whose group commits share one sync to disk, against
//   adds one at a time;
// - the resident memory while 100,000 operations pass through one buffer (1,000,000 with
//   BENCH_SQLITE_MILLION=1).
// Short rounds of the cases alternate, and each ratio is the median of the ratios of the same
// round, because the disk's speed drifts during a run, by as much as ten times here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../src/adapters/sqlite/migrations.js';
import { SqliteOperationBuffer } from '../../src/adapters/sqlite/SqliteOperationBuffer.js';
import type { SqliteDurability } from '../../src/adapters/sqlite/SqliteOperationBufferOptions.js';
import { OperationRegistry } from '../../src/operation/OperationRegistry.js';

const PRODUCERS = 100;
const ROUNDS = 21;
const CALLS: Record<SqliteDurability, number> = { full: 100, normal: 1_000 };

const registry = new OperationRegistry().register('deliver', (payload) => payload);

/** A timed case: runs `calls` operations and returns nothing. */
type Case = (calls: number) => Promise<void>;

export async function run(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'fault-tolerance-bench-'));
  try {
    for (const durability of ['full', 'normal'] as const) {
      await compareWithRaw(folder, durability);
    }
    await measureMemory(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function compareWithRaw(folder: string, durability: SqliteDurability): Promise<void> {
  // The add-only cases grow their table, and a larger table slows the add + pop cases down.
  // So each kind of case gets its own file.
  const buffer = new SqliteOperationBuffer({
    path: join(folder, `buffer-${durability}.db`),
    registry,
    durability,
  });
  const growing = new SqliteOperationBuffer({
    path: join(folder, `growing-${durability}.db`),
    registry,
    durability,
  });
  const cases: Record<string, Case> = {
    raw: rawInsertDelete(join(folder, `raw-${durability}.db`), durability),
    addPop: async (calls) => {
      for (let n = 0; n < calls; n++) {
        await buffer.add(registry.operation('deliver', { n }));
        await buffer.pop();
      }
    },
    add: async (calls) => {
      for (let n = 0; n < calls; n++) {
        await growing.add(registry.operation('deliver', { n }));
      }
    },
    concurrentAdd: (calls) => concurrently(calls, (n) => growing.add(operationOf(n))),
    concurrentAddPop: (calls) =>
      concurrently(calls, async (n) => {
        await buffer.add(operationOf(n));
        await buffer.pop();
      }),
  };
  const rates = await alternateRounds(cases, CALLS[durability]);
  await buffer.close();
  await growing.close();
  printComparison(durability, rates);
}

function operationOf(n: number) {
  return registry.operation('deliver', { n });
}

/** Runs `calls` calls of `call` from {@link PRODUCERS} concurrent producers. */
async function concurrently(calls: number, call: (n: number) => Promise<void>): Promise<void> {
  let next = 0;
  const producer = async (): Promise<void> => {
    while (next < calls) {
      await call(next++);
    }
  };
  await Promise.all(Array.from({ length: PRODUCERS }, producer));
}

/** Returns a case that inserts a row and deletes the head as the buffer does, without it. */
function rawInsertDelete(path: string, durability: SqliteDurability): Case {
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  migrate(database, Date.now());
  const insert = database.prepare(
    `INSERT INTO fault_tolerance_operations
       (buffer, lane, id, name, payload, idempotency_key, added_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const deleteHead = database.prepare(
    `DELETE FROM fault_tolerance_operations WHERE sequence =
       (SELECT sequence FROM fault_tolerance_operations WHERE buffer = ? ORDER BY sequence LIMIT 1)`,
  );
  return (calls) => {
    for (let n = 0; n < calls; n++) {
      const id = `raw-${n}`;
      insert.run('default', '', id, 'deliver', JSON.stringify({ n }), id, Date.now());
      deleteHead.run('default');
    }
    return Promise.resolve();
  };
}

/** Runs one round of every case in turn, {@link ROUNDS} times, and returns the rates. */
async function alternateRounds(
  cases: Record<string, Case>,
  calls: number,
): Promise<Record<string, number[]>> {
  const seconds: Record<string, number[]> = {};
  for (const call of Object.values(cases)) {
    await call(Math.ceil(calls / 10));
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, call] of Object.entries(cases)) {
      const started = process.hrtime.bigint();
      await call(calls);
      (seconds[name] ??= []).push(Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
  return Object.fromEntries(
    Object.entries(seconds).map(([name, times]) => [name, times.map((time) => calls / time)]),
  );
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
}

function printComparison(durability: SqliteDurability, rates: Record<string, number[]>): void {
  const rate = (name: string): number => median(rates[name] ?? []);
  const ratio = (name: string, baseline: string, baselineName: string): string => {
    const base = rates[baseline] ?? [];
    const paired = (rates[name] ?? []).map((value, round) => value / (base[round] ?? NaN));
    return `${median(paired).toFixed(2)} × ${baselineName}`;
  };
  const rows: [string, number, string][] = [
    ['raw insert + delete (better-sqlite3)', rate('raw'), ''],
    ['buffer add + pop, one at a time', rate('addPop'), ratio('addPop', 'raw', 'raw')],
    ['buffer add, one at a time', rate('add'), ''],
    [
      `buffer add, ${PRODUCERS} producers`,
      rate('concurrentAdd'),
      ratio('concurrentAdd', 'add', 'add one at a time'),
    ],
    [
      `buffer add + pop, ${PRODUCERS} producers`,
      rate('concurrentAddPop'),
      ratio('concurrentAddPop', 'addPop', 'add + pop one at a time'),
    ],
  ];
  console.log(`\nSqliteOperationBuffer, durability ${durability} (operations per second)`);
  for (const [name, value, comparison] of rows) {
    console.log(`${name.padEnd(42)} ${value.toFixed(0).padStart(9)}  ${comparison}`);
  }
}

/**
 * Passes operations through one buffer in batches of {@link PRODUCERS} and samples the
 * resident memory, which stays flat when nothing is kept per operation.
 */
async function measureMemory(folder: string): Promise<void> {
  const total = process.env.BENCH_SQLITE_MILLION === '1' ? 1_000_000 : 100_000;
  const buffer = new SqliteOperationBuffer({
    path: join(folder, 'memory.db'),
    registry,
    durability: 'normal',
  });
  const samples: string[] = [];
  const started = process.hrtime.bigint();
  for (let passed = 0; passed < total; passed += PRODUCERS) {
    await Promise.all(Array.from({ length: PRODUCERS }, (_, n) => buffer.add(operationOf(n))));
    for (let n = 0; n < PRODUCERS; n++) {
      await buffer.pop();
    }
    if ((passed + PRODUCERS) % (total / 10) === 0) {
      samples.push((process.memoryUsage().rss / 2 ** 20).toFixed(0));
    }
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  await buffer.close();
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(
    `\n${total.toLocaleString('en-US')} operations through one buffer (durability normal) ` +
      `in ${elapsed.toFixed(1)} s: RSS at each tenth ${samples.join(', ')} MiB; ` +
      `peak RSS of the process ${peak.toFixed(0)} MiB`,
  );
}
