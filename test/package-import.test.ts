import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const scratchRoot = join(packageRoot, '.tmp');
const distIndex = join(packageRoot, 'dist', 'index.js');
const distTypes = join(packageRoot, 'dist', 'index.d.ts');

const PUBLIC_CLASSES = [
  'Callback',
  'SimpleOperationRunner',
  'BufferedOperationRunner',
  'InMemoryOperationBuffer',
  'SleepWaiter',
] as const;

/** A consumer that imports the package by its name and prints what happened as JSON. */
const CONSUMER_SCRIPT = `
import {
  Callback,
  SimpleOperationRunner,
  BufferedOperationRunner,
  InMemoryOperationBuffer,
  SleepWaiter,
} from 'fault-tolerance';

const buffer = new InMemoryOperationBuffer();
const runner = new BufferedOperationRunner(new SimpleOperationRunner(), buffer);
const waiter = new SleepWaiter();
let failFirst = true;

const first = await runner.run(new Callback(async ({ attempt }) => {
  await waiter.sleep(0);
  return 'first at attempt ' + attempt;
}));
const kept = await runner
  .run(new Callback(() => {
    if (failFirst) {
      failFirst = false;
      throw new Error('flaky');
    }
    return 'flaky recovered';
  }))
  .catch((error) => ({ name: error.name, code: error.code, kept: error.kept, cause: error.cause.message }));
const sizeAfterFailure = buffer.size();
const replayed = await runner.runBufferedOperations();

console.log(JSON.stringify({ first, kept, sizeAfterFailure, replayed, size: buffer.size() }));
`;

/** A TypeScript consumer, compiled against the shipped declarations. */
const CONSUMER_TYPES = `
import { BufferedOperationRunner, Callback, InMemoryOperationBuffer, SimpleOperationRunner, SleepWaiter } from 'fault-tolerance';
import type { OperationRunner } from 'fault-tolerance';

const runner: OperationRunner = new BufferedOperationRunner(new SimpleOperationRunner(), new InMemoryOperationBuffer());
const length: Promise<number> = runner.run(new Callback(async ({ signal, attempt }) => String(signal.aborted) + attempt)).then((text) => text.length);
const waited: Promise<void> = new SleepWaiter().sleep(0);
export { length, waited };
`;

const CONSUMER_TSCONFIG = {
  compilerOptions: {
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    target: 'ES2022',
    lib: ['ES2022'],
    types: ['node'],
    strict: true,
    noEmit: true,
  },
  files: ['consumer.ts'],
};

let scratch: string;

beforeAll(async () => {
  if (!existsSync(distIndex)) {
    throw new Error(`${distIndex} is missing: run \`npm run build\` first (\`npm test\` does).`);
  }
  await mkdir(scratchRoot, { recursive: true });
  // The folder sits inside the package, so that Node.js resolves 'fault-tolerance' to the
  // package itself through its `exports` map.
  scratch = await mkdtemp(join(scratchRoot, 'package-import-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
  // Other test files may use the same scratch root; it is removed only once empty.
  await rmdir(scratchRoot).catch(() => undefined);
});

describe('package import', () => {
  it('runs a consumer that imports the package by name', async () => {
    const script = join(scratch, 'consumer.mjs');
    await writeFile(script, CONSUMER_SCRIPT);

    const { stdout, stderr } = await run(process.execPath, [script], { cwd: scratch });

    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({
      first: 'first at attempt 1',
      kept: {
        name: 'BufferedOperationError',
        code: 'ERR_OPERATION_KEPT',
        kept: true,
        cause: 'flaky',
      },
      sizeAfterFailure: 1,
      replayed: ['flaky recovered'],
      size: 0,
    });
  });

  it('ships type declarations', async () => {
    const declarations = await readFile(distTypes, 'utf8');

    for (const name of PUBLIC_CLASSES) {
      expect(declarations).toMatch(new RegExp(`export \\{ ${name}\\b`));
    }
  });

  it('type checks a consumer against the declarations', async () => {
    await writeFile(join(scratch, 'consumer.ts'), CONSUMER_TYPES);
    await writeFile(join(scratch, 'tsconfig.json'), JSON.stringify(CONSUMER_TSCONFIG));
    const tsc = join(packageRoot, 'node_modules', 'typescript', 'bin', 'tsc');

    // tsc prints its diagnostics on stdout and exits with a non-zero code.
    const result = await run(process.execPath, [tsc, '-p', scratch]).catch(
      (error: unknown) => error as { stdout: string },
    );

    expect(result.stdout).toBe('');
  });
});
