import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const scratchRoot = join(packageRoot, '.tmp');
const distSqlite = join(packageRoot, 'dist', 'adapters', 'sqlite', 'index.js');

/** A consumer that stores an operation, reopens the file and replays it through a runner. */
const CONSUMER_SCRIPT = `
import { BufferedOperationRunner, OperationRegistry, SimpleOperationRunner } from 'fault-tolerance';
import { SqliteOperationBuffer } from 'fault-tolerance/sqlite';

const path = new URL('./outbox.db', import.meta.url).pathname;
const registry = new OperationRegistry().register('greet', (payload, { idempotencyKey }) =>
  'hello ' + payload.name + ' (' + idempotencyKey + ')');
const writer = new SqliteOperationBuffer({ path, registry });
await writer.add(registry.operation('greet', { name: 'Ada' }, { idempotencyKey: 'greet-1' }));
await writer.close();

const buffer = new SqliteOperationBuffer({ path, registry });
const runner = new BufferedOperationRunner(new SimpleOperationRunner(), buffer);
const replayed = await runner.runBufferedOperations();
await runner.close();
console.log(JSON.stringify({ replayed, size: await buffer.size() }));
await buffer.close();
`;

let scratch: string;

beforeAll(async () => {
  if (!existsSync(distSqlite)) {
    throw new Error(`${distSqlite} is missing: run \`npm run build\` first (\`npm test\` does).`);
  }
  await mkdir(scratchRoot, { recursive: true });
  // Inside the package, so that Node.js resolves 'fault-tolerance/sqlite' through `exports`.
  scratch = await mkdtemp(join(scratchRoot, 'package-sqlite-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
  await rmdir(scratchRoot).catch(() => undefined);
});

describe('fault-tolerance/sqlite', () => {
  it('replays a stored operation in a consumer', async () => {
    const script = join(scratch, 'consumer.mjs');
    await writeFile(script, CONSUMER_SCRIPT);

    const { stdout, stderr } = await run(process.execPath, [script], { cwd: scratch });

    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({ replayed: ['hello Ada (greet-1)'], size: 0 });
  });
});
