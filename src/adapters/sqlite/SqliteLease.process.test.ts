import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OperationRegistry } from '../../operation/OperationRegistry.js';
import { SqliteOperationBuffer } from './SqliteOperationBuffer.js';
import { temporaryFolder } from './sqliteBuffer.testkit.js';

const CHILD = fileURLToPath(new URL('../../../test/crash/child/leaseChild.ts', import.meta.url));
const OPERATIONS = 80;

interface LogLine {
  readonly pid: number;
  readonly id?: string;
  readonly idempotencyKey?: string;
  readonly overlap?: string;
}

function readLog(path: string): LogLine[] {
  if (!existsSync(path)) {
    return [];
  }
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.endsWith('}'))
    .map((line) => JSON.parse(line) as LogLine);
}

function startChild(paths: readonly string[]): { child: ChildProcess; exited: Promise<number> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...paths], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  return { child, exited };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 30_000) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('SqliteLease across processes', () => {
  it('drains in one process at a time, across a kill', async () => {
    const folder = temporaryFolder();
    const paths = [join(folder, 'b.db'), join(folder, 'log'), join(folder, 'marker')] as const;
    const registry = new OperationRegistry().register('work', () => undefined);
    const buffer = new SqliteOperationBuffer({ path: paths[0], registry });
    for (let n = 0; n < OPERATIONS; n++) {
      await buffer.add(registry.operation('work', { n }, { id: `op-${n}` }));
    }
    await buffer.close();

    const children = [startChild(paths), startChild(paths)];
    await waitFor(() => readLog(paths[1]).length >= 20, 'the first executions');
    const holderPid = readLog(paths[1]).at(-1)?.pid;
    const holder = children.find(({ child }) => child.pid === holderPid);
    holder?.child.kill('SIGKILL');
    await holder?.exited;
    const killedAt = readLog(paths[1]).length;
    // The killed handler could not remove its marker. No handler runs until its lease expires.
    rmSync(paths[2], { force: true });
    const survivor = children.find((entry) => entry !== holder);
    expect(await survivor?.exited).toBe(0);

    const lines = readLog(paths[1]);
    const executions = lines.filter((line) => line.id !== undefined);
    const ids = executions.map((line) => line.id);
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    const lastOfHolder = executions
      .slice(0, killedAt)
      .filter((line) => line.pid === holderPid)
      .at(-1);
    expect(lines.filter((line) => line.overlap !== undefined)).toEqual([]);
    expect(new Set(ids).size).toBe(OPERATIONS);
    expect(repeated.every((id) => id === lastOfHolder?.id)).toBe(true);
    expect(executions.slice(killedAt).every((line) => line.pid === survivor?.child.pid)).toBe(true);
    expect(executions.slice(killedAt).length).toBeGreaterThan(0);
  });
});
