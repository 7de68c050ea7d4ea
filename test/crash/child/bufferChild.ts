// A process that adds operations to an SQLite buffer and drains it, to be killed with SIGKILL
// by crashHarness.ts. It reports each `add` that resolved on stdout, and its handler appends
// one line per execution to a log file, so that the parent can check what survived.
//
// Usage: node --import tsx bufferChild.ts '<ChildSettings as JSON>'
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteOperationBuffer } from '../../../src/adapters/sqlite/index.js';
import { OperationRegistry } from '../../../src/operation/OperationRegistry.js';
import { BufferedOperationRunner } from '../../../src/runner/BufferedOperationRunner.js';
import { SimpleOperationRunner } from '../../../src/runner/SimpleOperationRunner.js';
import type { ChildSettings, ExecutionRecord } from './protocol.js';

const settings = JSON.parse(process.argv[2] ?? '{}') as ChildSettings;

const registry = new OperationRegistry().register(
  'record',
  async (payload: { readonly n: number }, context) => {
    const record: ExecutionRecord = {
      id: context.operationId,
      idempotencyKey: context.idempotencyKey,
      key: context.key ?? null,
      generation: settings.generation,
      attempt: context.attempt,
    };
    appendFileSync(settings.executionLogPath, `${JSON.stringify(record)}\n`);
    await sleep(Math.random() * settings.maxHandlerDelayMs);
    return payload.n;
  },
);

const buffer = new SqliteOperationBuffer({
  path: settings.databasePath,
  registry,
  leaseTtlMs: settings.leaseTtlMs,
});
const runner = new BufferedOperationRunner(new SimpleOperationRunner(), buffer, {
  pollIntervalMs: 5,
});
runner.start();
process.stdout.write('ready\n');

let next = 0;

async function produce(): Promise<void> {
  while (next < settings.addsPerGeneration) {
    const n = next++;
    const id = `g${settings.generation}-${n}`;
    const key = settings.keys > 0 ? `key-${n % settings.keys}` : undefined;
    await buffer.add(
      registry.operation('record', { n }, { id, idempotencyKey: `idem-${id}`, key }),
    );
    process.stdout.write(`added ${id}\n`);
    await sleep(Math.random() * settings.maxProduceDelayMs);
  }
}

if (settings.mode === 'produce') {
  // The background drainer keeps running, and the process alive, until the parent kills it.
  await Promise.all(Array.from({ length: settings.producers }, produce));
} else {
  while ((await buffer.size()) > 0) {
    await sleep(10);
  }
  await runner.close();
  await buffer.close();
  process.stdout.write('drained\n');
}
