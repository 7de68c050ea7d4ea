import { InMemoryOperationBuffer } from '../../buffer/InMemoryOperationBuffer.js';
import { BufferedOperationError } from '../../errors/BufferedOperationError.js';
import { BufferedOperationRunner } from '../../runner/BufferedOperationRunner.js';
import { SimpleOperationRunner } from '../../runner/SimpleOperationRunner.js';
import { SleepWaiter } from '../../waiter/SleepWaiter.js';
import { computeDemoReport, type DemoReport } from './DemoReport.js';
import type { DemoOptions } from './DemoOptions.js';
import { FlakyServer } from './FlakyServer.js';
import { createDelivery } from './createDelivery.js';

/** What the client side counted while it delivered. */
export interface DemoClientCounts {
  /** `run()` calls that rejected with the operation kept in the buffer. */
  readonly kept: number;
  /** Drains started after the producer finished, to empty the buffer. */
  readonly drains: number;
  /** Operations still in the buffer when the demo stopped. */
  readonly leftInBuffer: number;
}

/** The result of {@link runDemo}. */
export interface DemoResult {
  readonly report: DemoReport;
  readonly client: DemoClientCounts;
}

/** Reports progress while the demo runs. */
export type ProgressListener = (delivered: number, sent: number, buffered: number) => void;

/**
 * Starts a flaky server, delivers `options.messages` messages to it in order through a
 * buffered runner, and computes the report from what the server accepted. A message that
 * fails stays in the buffer; the demo keeps draining with a fixed wait until the buffer is
 * empty or the time limit passes.
 */
export async function runDemo(
  options: DemoOptions,
  onProgress: ProgressListener = () => undefined,
): Promise<DemoResult> {
  const server = new FlakyServer(options);
  const url = await server.listen();
  const startedAt = Date.now();
  const buffer = new InMemoryOperationBuffer();
  const runner = new BufferedOperationRunner(new SimpleOperationRunner(), buffer);
  const waiter = new SleepWaiter();
  const deadline = startedAt + options.timeLimitMs;
  let kept = 0;
  let drains = 0;
  let delivered = 0;
  runner.events.on('success', () => delivered++);
  const progress = setInterval(() => onProgress(delivered, options.messages, buffer.size()), 250);
  try {
    for (let sequence = 1; sequence <= options.messages && Date.now() < deadline; sequence++) {
      kept += await runKeepingFailures(runner.run(createDelivery(url, sequence)));
    }
    while (buffer.size() > 0 && Date.now() < deadline) {
      await waiter.sleep(options.drainIntervalMs);
      drains++;
      await runKeepingFailures(runner.runBufferedOperations());
    }
  } finally {
    clearInterval(progress);
    await server.close();
  }
  onProgress(delivered, options.messages, buffer.size());
  const report = computeDemoReport(options.messages, server.record(), Date.now() - startedAt);
  return { report, client: { kept, drains, leftInBuffer: buffer.size() } };
}

/** Awaits a buffered call and returns 1 when it rejected with its operation kept, else 0. */
async function runKeepingFailures(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 0;
  } catch (error) {
    if (error instanceof BufferedOperationError && error.kept) {
      return 1;
    }
    throw error;
  }
}
