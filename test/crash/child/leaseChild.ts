// A process that drains a shared SQLite buffer in the background until it is empty, to run
// beside another one. Its handler claims a marker file while it runs, so that two handlers
// running at once, in two processes, leave an `overlap` line in the log.
//
// Usage: node --import tsx leaseChild.ts <database path> <log path> <marker path>
import { appendFileSync, closeSync, openSync, unlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteOperationBuffer } from '../../../src/adapters/sqlite/index.js';
import { OperationRegistry } from '../../../src/operation/OperationRegistry.js';
import { BufferedOperationRunner } from '../../../src/runner/BufferedOperationRunner.js';
import { SimpleOperationRunner } from '../../../src/runner/SimpleOperationRunner.js';

const [databasePath = '', logPath = '', markerPath = ''] = process.argv.slice(2);

function log(line: object): void {
  appendFileSync(logPath, `${JSON.stringify({ ...line, pid: process.pid })}\n`);
}

const registry = new OperationRegistry().register('work', async (_payload, context) => {
  let marker: number | undefined;
  try {
    marker = openSync(markerPath, 'wx');
  } catch {
    log({ overlap: context.operationId });
  }
  log({ id: context.operationId, idempotencyKey: context.idempotencyKey });
  await sleep(5 + Math.random() * 10);
  if (marker !== undefined) {
    closeSync(marker);
    unlinkSync(markerPath);
  }
});

const buffer = new SqliteOperationBuffer({ path: databasePath, registry, leaseTtlMs: 300 });
const runner = new BufferedOperationRunner(new SimpleOperationRunner(), buffer, {
  pollIntervalMs: 20,
  backoff: () => 20,
});
runner.start();
process.stdout.write('ready\n');

while ((await buffer.size()) > 0) {
  await sleep(20);
}
await runner.close();
await buffer.close();
