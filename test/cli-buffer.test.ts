import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteOperationBuffer } from '../src/adapters/sqlite/SqliteOperationBuffer.js';
import { withUnwritableFile } from '../src/adapters/sqlite/sqliteBuffer.testkit.js';
import { NonRetryableError } from '../src/errors/NonRetryableError.js';
import { OperationRegistry } from '../src/operation/OperationRegistry.js';
import { BufferedOperationRunner } from '../src/runner/BufferedOperationRunner.js';
import { SimpleOperationRunner } from '../src/runner/SimpleOperationRunner.js';
import { runCli } from './runCli.js';

const cli = runCli;

interface PendingJson {
  readonly id: string;
  readonly name: string;
  readonly key: string | null;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly addedAt: number;
  readonly lastError: { readonly name: string; readonly message: string } | null;
}

interface DeadLetterJson {
  readonly id: string;
  readonly name: string;
  readonly key: string | null;
  readonly attempts: number;
  readonly addedAt: number;
  readonly deadLetteredAt: number;
  readonly error: { readonly name: string; readonly message: string };
}

interface Scratch {
  readonly folder: string;
  /** The buffer file, which does not exist until a test creates it. */
  readonly file: string;
}

/** The folder of this file's tests, deleted after the last one. */
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'fault-tolerance-cli-buffer-'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Creates a folder for one test, so that tests can run concurrently. */
function scratch(): Scratch {
  const folder = mkdtempSync(join(root, 'test-'));
  return { folder, file: join(folder, 'outbox.db') };
}

/**
 * Prepares a buffer file the way an application would: `poison` fails for good and moves to
 * the dead letters, `flaky` fails once and stays with one attempt, and `c-1` and `c-2` are
 * added without running. A second buffer, `other`, contains `elsewhere`.
 */
async function prepareBuffer(file: string): Promise<void> {
  const registry = new OperationRegistry()
    .register('charge', (payload: { readonly poison?: boolean }) => {
      if (payload.poison === true) {
        throw new NonRetryableError(new Error('HTTP 400'), 'card rejected: HTTP 400');
      }
    })
    .register('flaky', () => {
      throw new Error('HTTP 503');
    });
  const buffer = new SqliteOperationBuffer({ path: file, registry });
  const runner = new BufferedOperationRunner(new SimpleOperationRunner(), buffer, {
    deadLetters: true,
  });
  const poison = registry.operation('charge', { poison: true }, { id: 'poison', key: 'ada' });
  await expect(runner.run(poison)).rejects.toMatchObject({ kept: false });
  await expect(
    runner.run(registry.operation('flaky', {}, { id: 'flaky', key: 'bob' })),
  ).rejects.toMatchObject({ kept: true });
  await buffer.add(registry.operation('charge', { n: 1 }, { id: 'c-1', key: 'ada' }));
  await buffer.add(registry.operation('charge', { n: 2 }, { id: 'c-2' }));
  await runner.close();
  await buffer.close();
  const other = new SqliteOperationBuffer({ path: file, registry, name: 'other' });
  await other.add(registry.operation('charge', { n: 3 }, { id: 'elsewhere' }));
  await other.close();
}

/** Writes another program's SQLite database, in the default rollback journal mode. */
function prepareForeignDatabase(file: string): Buffer {
  const database = new Database(file);
  database.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('kept')");
  database.close();
  return readFileSync(file);
}

async function listJson(file: string, name = 'default'): Promise<PendingJson[]> {
  const result = await cli('buffer', 'list', '--file', file, '--name', name, '--json');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as PendingJson[];
}

async function deadJson(file: string): Promise<DeadLetterJson[]> {
  const result = await cli('buffer', 'dead', '--file', file, '--json');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as DeadLetterJson[];
}

describe.concurrent('fault-tolerance buffer list', () => {
  it('lists pending operations in order as JSON', async () => {
    const { file } = scratch();
    await prepareBuffer(file);

    const pending = await listJson(file);

    expect(pending.map((entry) => entry.id)).toEqual(['flaky', 'c-1', 'c-2']);
    expect(pending.map((entry) => entry.key)).toEqual(['bob', 'ada', null]);
    expect(pending[0]).toMatchObject({ name: 'flaky', attempts: 1 });
    expect(pending[0]?.lastError).toEqual({ name: 'Error', message: 'HTTP 503' });
    expect(pending[0]?.nextAttemptAt).toBeGreaterThan(pending[0]!.addedAt);
    expect(pending[1]).toMatchObject({ name: 'charge', attempts: 0, nextAttemptAt: 0 });
    expect(pending[1]?.lastError).toBeNull();
    expect(await listJson(file)).toEqual(pending);
  });

  it('lists pending operations as a table', async () => {
    const { file } = scratch();
    await prepareBuffer(file);

    const result = await cli('buffer', 'list', '--file', file);

    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^3 operations pending in buffer "default" of ".*outbox\.db"/);
    expect(lines[1]).toMatch(/^ID\s+NAME\s+KEY\s+ATTEMPTS\s+NEXT ATTEMPT\s+ADDED\s+LAST ERROR$/);
    expect(lines[2]).toMatch(
      /^flaky\s+flaky\s+bob\s+1\s+\d{4}-\d\d-\d\dT[\d:.]+Z\s+.*Error: HTTP 503$/,
    );
    expect(lines[3]).toMatch(/^c-1\s+charge\s+ada\s+0\s+now\s+\d{4}-/);
    expect(lines[4]).toMatch(/^c-2\s+charge\s+-\s+0\s+now\s+\d{4}-/);
    expect(lines).toHaveLength(5);
  });

  it('lists the buffer named by --name', async () => {
    const { file } = scratch();
    await prepareBuffer(file);

    const pending = await listJson(file, 'other');

    expect(pending.map((entry) => entry.id)).toEqual(['elsewhere']);
  });

  it('reports an empty buffer', async () => {
    const { file } = scratch();
    await prepareBuffer(file);

    const result = await cli('buffer', 'list', '--file', file, '--name', 'empty');

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/No pending operations in buffer "empty"/);
  });

  it('escapes control characters in a table', async () => {
    const { file } = scratch();
    const registry = new OperationRegistry().register('noop', () => undefined);
    const buffer = new SqliteOperationBuffer({ path: file, registry });
    await buffer.add(registry.operation('noop', {}, { id: 'evil\u001b[2J\nid' }));
    await buffer.close();

    const result = await cli('buffer', 'list', '--file', file);

    expect(result.stdout).toContain('evil\\u001b[2J\\u000aid');
    expect(result.stdout).not.toContain('\u001b');
  });
});

describe.concurrent('fault-tolerance buffer dead', () => {
  it('lists dead letters with their last error', async () => {
    const { file } = scratch();
    await prepareBuffer(file);

    const letters = await deadJson(file);

    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ id: 'poison', name: 'charge', key: 'ada', attempts: 1 });
    expect(letters[0]?.error).toEqual({
      name: 'NonRetryableError',
      message: 'card rejected: HTTP 400 Cause: Error: HTTP 400',
    });
    expect(letters[0]?.deadLetteredAt).toBeGreaterThanOrEqual(letters[0]!.addedAt);
  });

  it('lists dead letters as a table', async () => {
    const { file } = scratch();
    await prepareBuffer(file);

    const result = await cli('buffer', 'dead', '--file', file);

    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^1 dead letter in buffer "default"/);
    expect(lines[1]).toMatch(/^ID\s+NAME\s+KEY\s+ATTEMPTS\s+ADDED\s+DEAD-LETTERED\s+LAST ERROR$/);
    expect(lines[2]).toMatch(/^poison\s+charge\s+ada\s+1\s+.*NonRetryableError: card rejected/);
  });
});

describe.concurrent('fault-tolerance buffer stats', () => {
  it('counts pending operations and dead letters', async () => {
    const { file } = scratch();
    await prepareBuffer(file);

    const result = await cli('buffer', 'stats', '--file', file, '--json');

    expect(result.code).toBe(0);
    const stats = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(stats).toMatchObject({
      buffer: 'default',
      pending: 3,
      keys: 2,
      failing: 1,
      deadLetters: 1,
    });
    expect(typeof stats.oldestPendingAddedAt).toBe('number');
  });

  it('prints the counts as text', async () => {
    const { file } = scratch();
    await prepareBuffer(file);

    const result = await cli('buffer', 'stats', '--file', file);

    expect(result.stdout).toMatch(/pending operations:\s+3\n/);
    expect(result.stdout).toMatch(/dead letters:\s+1\n/);
  });
});

describe.concurrent('fault-tolerance buffer requeue', () => {
  it('moves a dead letter to the tail', async () => {
    const { file } = scratch();
    await prepareBuffer(file);

    const result = await cli('buffer', 'requeue', 'poison', '--file', file);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Requeued "poison" in buffer "default" .*: at the tail/);
    const pending = await listJson(file);
    expect(pending.map((entry) => entry.id)).toEqual(['flaky', 'c-1', 'c-2', 'poison']);
    expect(pending[3]?.attempts).toBe(0);
    expect(await deadJson(file)).toEqual([]);
  });

  it('moves a dead letter to the head with --head', async () => {
    const { file } = scratch();
    await prepareBuffer(file);

    const result = await cli('buffer', 'requeue', 'poison', '--head', '--file', file);

    expect(result.code).toBe(0);
    expect((await listJson(file)).map((entry) => entry.id)).toEqual([
      'poison',
      'flaky',
      'c-1',
      'c-2',
    ]);
  });

  it('fails for an unknown id', async () => {
    const { file } = scratch();
    await prepareBuffer(file);

    const result = await cli('buffer', 'requeue', 'missing', '--file', file);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No dead letter with id "missing" in buffer "default"/);
  });

  it('fails for a pending operation', async () => {
    const { file } = scratch();
    await prepareBuffer(file);

    const result = await cli('buffer', 'requeue', 'c-1', '--file', file);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/"c-1" is a pending operation .* it is already waiting to run/);
    expect((await listJson(file)).map((entry) => entry.id)).toEqual(['flaky', 'c-1', 'c-2']);
  });
});

describe.concurrent('fault-tolerance buffer drop', () => {
  it('drops a dead letter', async () => {
    const { file } = scratch();
    await prepareBuffer(file);

    const result = await cli('buffer', 'drop', 'poison', '--file', file);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Dropped dead letter "poison"/);
    expect(await deadJson(file)).toEqual([]);
    expect((await listJson(file)).map((entry) => entry.id)).toEqual(['flaky', 'c-1', 'c-2']);
  });

  it('keeps a pending operation', async () => {
    const { file } = scratch();
    await prepareBuffer(file);

    const result = await cli('buffer', 'drop', 'c-1', '--file', file);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/"c-1" is a pending operation .* never dropped/);
    expect((await listJson(file)).map((entry) => entry.id)).toEqual(['flaky', 'c-1', 'c-2']);
  });

  it('fails for an id dropped already', async () => {
    const { file } = scratch();
    await prepareBuffer(file);
    await cli('buffer', 'drop', 'poison', '--file', file);

    const result = await cli('buffer', 'drop', 'poison', '--file', file);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No dead letter with id "poison"/);
  });
});

describe.concurrent('fault-tolerance buffer files', () => {
  it('reports a missing file without creating it', async () => {
    const { folder } = scratch();
    const missing = join(folder, 'missing.db');

    const result = await cli('buffer', 'list', '--file', missing);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`buffer file not found: ${JSON.stringify(missing)}`);
    expect(existsSync(missing)).toBe(false);
  });

  it('reports a folder given as the file', async () => {
    const { folder } = scratch();
    const result = await cli('buffer', 'stats', '--file', folder);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not a file/);
  });

  it('reports a corrupted file and leaves it unchanged', async () => {
    const { file } = scratch();
    const bytes = Buffer.from('this is not an SQLite database, only some text'.repeat(100));
    writeFileSync(file, bytes);

    const result = await cli('buffer', 'list', '--file', file);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the buffer file ${JSON.stringify(file)} is unusable (corrupt`);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});

describe.concurrent('fault-tolerance buffer on a foreign database', () => {
  it.each([['list'], ['dead'], ['stats'], ['requeue', 'poison'], ['drop', 'poison']])(
    'reports %j and leaves the file unchanged',
    async (...args) => {
      const { folder, file } = scratch();
      const bytes = prepareForeignDatabase(file);

      const result = await cli('buffer', ...args, '--file', file);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`the buffer file ${JSON.stringify(file)} is unusable`);
      expect(result.stderr).toContain('not a fault-tolerance buffer');
      expect(result.stdout).toBe('');
      expect(readFileSync(file).equals(bytes)).toBe(true);
      expect(readdirSync(folder)).toEqual(['outbox.db']);
    },
  );
});

describe.concurrent('fault-tolerance buffer on a file that cannot be written', () => {
  it('lists pending operations', async (context) => {
    const { file } = scratch();
    await prepareBuffer(file);

    const ran = await withUnwritableFile(file, async () => {
      const pending = await listJson(file);

      expect(pending.map((entry) => entry.id)).toEqual(['flaky', 'c-1', 'c-2']);
    });

    if (!ran) {
      context.skip();
    }
  });

  it('reports requeue as read-only', async (context) => {
    const { file } = scratch();
    await prepareBuffer(file);

    const ran = await withUnwritableFile(file, async () => {
      const result = await cli('buffer', 'requeue', 'poison', '--file', file);

      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/is unusable \(read-only: /);
    });

    if (!ran) {
      context.skip();
    }
    expect((await deadJson(file)).map((letter) => letter.id)).toEqual(['poison']);
  });
});

describe.concurrent('fault-tolerance buffer arguments', () => {
  it.each([
    [['list'], /Missing --file PATH/],
    [[], /Missing the subcommand of `buffer`/],
    [['purge', '--file', 'x.db'], /Unknown subcommand `buffer purge`/],
    [['replay', '--file', 'x.db'], /`buffer replay` does not exist: .*application's own runner/],
    [['requeue', '--file', 'x.db'], /Missing the operation id/],
    [['drop', 'a', 'b', '--file', 'x.db'], /takes one operation id/],
    [['list', 'extra', '--file', 'x.db'], /Unexpected argument "extra"/],
    [['list', '--head', '--file', 'x.db'], /--head does not apply to `buffer list`/],
    [['drop', 'a', '--json', '--file', 'x.db'], /--json does not apply to `buffer drop`/],
    [['list', '--file', 'x.db', '--name', ''], /Invalid --name ""/],
    [['list', '--file'], /Option '--file <value>' argument missing/],
  ])('rejects %j with exit status 2', async (args, message) => {
    const result = await cli('buffer', ...args);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('prints its usage with --help', async () => {
    const result = await cli('buffer', '--help');

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Pending operations cannot\s+be dropped/);
    expect(result.stdout).toMatch(/Replaying is done by the application's own runner/);
  });
});
