import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeliveryCounts } from './DeliveryCounters.js';
import { DeliveryWorker } from './DeliveryWorker.js';
import { computeDemoReport, type DemoReport } from './DemoReport.js';
import type { DemoOptions } from './DemoOptions.js';
import { FlakyServer } from './FlakyServer.js';
import { runCrashingWorkers } from './runCrashingWorkers.js';
import { UsageError } from '../UsageError.js';
import { createDeliveryRegistry } from './createDeliveryRegistry.js';
import { countStoredOperations } from './openSqliteBuffer.js';

/** The result of {@link runDemo}. */
export interface DemoResult {
  readonly report: DemoReport;
  /** Event counts of the runners, as the delivery processes counted them. */
  readonly counts: DeliveryCounts;
  /** The buffer's location: the path of a SQLite file, or `memory`. */
  readonly buffer: string;
  /** How many times the crash test killed the delivery process. */
  readonly kills: number;
}

/** Reports progress while the demo runs. */
export type ProgressListener = (delivered: number, sent: number, buffered: number) => void;

/**
 * Starts a flaky server and delivers `options.messages` messages to it, in order, through
 * retry, circuit breaker and timeout runners behind a buffered runner, then computes the
 * report from what the server accepted. By default the buffer is a SQLite file in a new
 * temporary folder; with `crashTest`, a child process delivers and is killed and restarted.
 */
export async function runDemo(
  options: DemoOptions,
  onProgress: ProgressListener = () => undefined,
): Promise<DemoResult> {
  if (options.bufferPath !== undefined && existsSync(options.bufferPath)) {
    await assertNoLeftovers(options.bufferPath);
  }
  const server = new FlakyServer(options);
  const url = await server.listen();
  const folder =
    options.inMemory || options.bufferPath !== undefined ? undefined : await tempFolder();
  const bufferPath = options.inMemory
    ? undefined
    : (options.bufferPath ?? join(folder ?? '', 'buffer.db'));
  const startedAt = Date.now();
  try {
    const delivery = options.crashTest
      ? await runCrashingWorkers({
          ...options,
          url,
          bufferPath: bufferPath ?? '',
          server,
          onProgress,
        })
      : { ...(await deliverInProcess(options, url, bufferPath, server, onProgress)), kills: 0 };
    const report = computeDemoReport(options.messages, server.record(), Date.now() - startedAt);
    return {
      report,
      counts: delivery.counts,
      buffer: bufferPath ?? 'memory',
      kills: delivery.kills,
    };
  } finally {
    await server.close();
    if (folder !== undefined) {
      await rm(folder, { recursive: true, force: true });
    }
  }
}

async function deliverInProcess(
  options: DemoOptions,
  url: string,
  bufferPath: string | undefined,
  server: FlakyServer,
  onProgress: ProgressListener,
): Promise<{ counts: DeliveryCounts }> {
  const deadline = Date.now() + options.timeLimitMs;
  const worker = await DeliveryWorker.open({
    ...options,
    url,
    bufferPath,
    isOutage: () => server.inOutage(),
  });
  const report = async (): Promise<void> =>
    onProgress(worker.counters.snapshot().delivered, options.messages, await worker.size());
  const progress = setInterval(() => void report(), 250);
  try {
    for (let sequence = 1; sequence <= options.messages && Date.now() < deadline; sequence++) {
      await worker.deliver(sequence);
    }
    await worker.waitUntilEmpty(options.drainIntervalMs, deadline);
  } finally {
    clearInterval(progress);
    await report();
    await worker.close();
  }
  return { counts: worker.counters.snapshot() };
}

/** Rejects a buffer file that still contains messages of an earlier run. */
async function assertNoLeftovers(path: string): Promise<void> {
  const stored = await countStoredOperations(path, createDeliveryRegistry('http://127.0.0.1/'));
  if (stored > 0) {
    throw new UsageError(
      `The buffer file ${path} contains ${stored} messages of an earlier run, which would be ` +
        "delivered before this run's messages. Pass a new --buffer path.",
    );
  }
}

function tempFolder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'fault-tolerance-demo-'));
}
