import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildSettings, ExecutionRecord } from './child/protocol.js';

const CHILD = fileURLToPath(new URL('./child/bufferChild.ts', import.meta.url));

/** How a crash scenario runs. */
export interface CrashScenario {
  /** Children killed with SIGKILL before the final, unkilled one drains the buffer. */
  readonly kills: number;
  /** The maximum lifetime of a child, in milliseconds; each child is killed at a random time below it. */
  readonly maxLifetimeMs: number;
  readonly producers: number;
  readonly addsPerGeneration: number;
  readonly keys: number;
  readonly maxProduceDelayMs: number;
  readonly maxHandlerDelayMs: number;
}

/**
 * Settings under which a child is often killed while producers add and while the handler
 * runs: four producers pausing up to 8 ms between adds, and lifetimes that cover start-up
 * (opening the file, creating its tables) as well.
 */
export const CRASH_SCENARIO: CrashScenario = Object.freeze({
  kills: 5,
  maxLifetimeMs: 1_200,
  producers: 4,
  addsPerGeneration: 120,
  keys: 3,
  maxProduceDelayMs: 8,
  maxHandlerDelayMs: 2,
});

/** What a scenario observed. */
export interface CrashReport {
  /** Ids whose `add` resolved, as the children reported them before their kill. */
  readonly reported: readonly string[];
  /** The execution log, in order. */
  readonly executions: readonly ExecutionRecord[];
  /** Children that were killed. */
  readonly kills: number;
}

/** The outcome of one child. */
interface ChildRun {
  readonly lines: readonly string[];
  readonly killed: boolean;
  readonly exitCode: number | null;
  readonly stderr: string;
}

/**
 * Runs `scenario.kills` children that add and drain operations on one buffer file and kills
 * each at a random moment, then runs one more child that drains what is left and exits.
 */
export async function runCrashScenario(scenario: CrashScenario): Promise<CrashReport> {
  const folder = mkdtempSync(join(tmpdir(), 'fault-tolerance-crash-'));
  const base = {
    databasePath: join(folder, 'buffer.db'),
    executionLogPath: join(folder, 'executions.log'),
    producers: scenario.producers,
    addsPerGeneration: scenario.addsPerGeneration,
    keys: scenario.keys,
    maxProduceDelayMs: scenario.maxProduceDelayMs,
    maxHandlerDelayMs: scenario.maxHandlerDelayMs,
    leaseTtlMs: 200,
  };
  try {
    const reported: string[] = [];
    for (let generation = 0; generation < scenario.kills; generation++) {
      const lifetime = Math.random() * scenario.maxLifetimeMs;
      const run = await runChild({ ...base, generation, mode: 'produce' }, lifetime);
      if (!run.killed) {
        throw new Error(
          `child ${generation} exited (${run.exitCode}) before its kill: ${run.stderr}`,
        );
      }
      reported.push(...addedIds(run.lines));
    }
    const final = await runChild({ ...base, generation: scenario.kills, mode: 'drain' }, 60_000);
    if (final.exitCode !== 0 || !final.lines.includes('drained')) {
      throw new Error(`the draining child failed (${final.exitCode}): ${final.stderr}`);
    }
    return { reported, executions: readExecutions(base.executionLogPath), kills: scenario.kills };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function runChild(settings: ChildSettings, killAfterMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(settings)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, killAfterMs);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      // A line cut by the kill has no newline yet, so it is not counted.
      const lines = stdout.split('\n').slice(0, -1);
      resolve({ lines, killed, exitCode, stderr });
    });
  });
}

function addedIds(lines: readonly string[]): string[] {
  return lines.filter((line) => line.startsWith('added ')).map((line) => line.slice(6));
}

function readExecutions(path: string): ExecutionRecord[] {
  if (!existsSync(path)) {
    return [];
  }
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.endsWith('}'))
    .map((line) => JSON.parse(line) as ExecutionRecord);
}

/** Returns the position of an id among the adds, read from `g<generation>-<n>`. */
function positionOf(id: string): [number, number] {
  const match = /^g(\d+)-(\d+)$/.exec(id);
  if (match === null) {
    throw new Error(`unexpected operation id ${id}`);
  }
  return [Number(match[1]), Number(match[2])];
}

/** Ids of `reported` that never ran: each is an operation the buffer lost. */
export function findLost(report: CrashReport): string[] {
  const executed = new Set(report.executions.map((record) => record.id));
  return report.reported.filter((id) => !executed.has(id));
}

/**
 * Executions that ran again although they were not the last one of their child, so not in
 * flight at the kill: each is a duplicate that the crash does not explain.
 */
export function findUnexplainedRepeats(report: CrashReport): ExecutionRecord[] {
  const lastOfGeneration = new Map<number, ExecutionRecord>();
  for (const record of report.executions) {
    lastOfGeneration.set(record.generation, record);
  }
  const seen = new Map<string, ExecutionRecord>();
  const unexplained: ExecutionRecord[] = [];
  for (const record of report.executions) {
    const earlier = seen.get(record.id);
    if (earlier !== undefined && lastOfGeneration.get(earlier.generation) !== earlier) {
      unexplained.push(record);
    }
    seen.set(record.id, record);
  }
  return unexplained;
}

/** Executions whose idempotency key differs from the one the operation was created with. */
export function findWrongIdempotencyKeys(report: CrashReport): ExecutionRecord[] {
  return report.executions.filter((record) => record.idempotencyKey !== `idem-${record.id}`);
}

/**
 * First executions that ran before an operation added earlier with the same key: each breaks
 * the order of its key.
 */
export function findOutOfOrder(report: CrashReport): ExecutionRecord[] {
  const lastByKey = new Map<string | null, [number, number]>();
  const seen = new Set<string>();
  const outOfOrder: ExecutionRecord[] = [];
  for (const record of report.executions) {
    if (seen.has(record.id)) {
      continue;
    }
    seen.add(record.id);
    const position = positionOf(record.id);
    const previous = lastByKey.get(record.key);
    if (previous !== undefined && comparePositions(position, previous) < 0) {
      outOfOrder.push(record);
    }
    lastByKey.set(record.key, position);
  }
  return outOfOrder;
}

function comparePositions(a: [number, number], b: [number, number]): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}
