import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { addRunnerCounts, emptyRunnerCounts, type DeliveryCounts } from './DeliveryCounters.js';
import type { DemoOptions } from './DemoOptions.js';
import type { FlakyServer } from './FlakyServer.js';
import type { ProgressListener } from './runDemo.js';
import { createRandom } from './createRandom.js';
import type { ParentMessage, WorkerMessage } from './WorkerMessages.js';

/** Input of {@link runCrashingWorkers}: the demo options and the server to deliver to. */
export interface CrashingWorkersInput extends DemoOptions {
  readonly url: string;
  readonly bufferPath: string;
  readonly server: FlakyServer;
  readonly onProgress: ProgressListener;
}

/** The sum of the counts of every delivery process, and how many were killed. */
export interface CrashingWorkersResult {
  readonly counts: DeliveryCounts;
  readonly kills: number;
}

const MAIN = fileURLToPath(new URL('../main.js', import.meta.url));

/**
 * Delivers through child processes that share one SQLite buffer file. Each child receives
 * the messages not yet acknowledged as added. The demo kills it with SIGKILL after a random
 * delay and starts another, `crashes` times, then lets the last one empty the buffer.
 */
export async function runCrashingWorkers(
  input: CrashingWorkersInput,
): Promise<CrashingWorkersResult> {
  const random = createRandom(input.seed ^ 0x5bd1e995);
  const deadline = Date.now() + input.timeLimitMs;
  const totals = { total: emptyRunnerCounts(), duringOutage: emptyRunnerCounts(), delivered: 0 };
  const added = new Set<number>();
  let kills = 0;
  let outageClockStarted = false;
  // The outage starts counting when the first child is ready, so that it falls during delivery.
  const onReady = (child: ChildProcess): void => {
    if (!outageClockStarted) {
      input.server.restartOutageClock();
      outageClockStarted = true;
    }
    child.send({ type: 'outage', outage: input.server.outageWindow() } satisfies ParentMessage);
  };
  for (;;) {
    const killAfterMs = kills < input.crashes ? 100 + Math.floor(random() * 500) : undefined;
    const run = await runWorker(input, deadline, added, killAfterMs, totals.delivered, onReady);
    addRunnerCounts(totals.total, run.counts.total);
    addRunnerCounts(totals.duringOutage, run.counts.duringOutage);
    totals.delivered += run.counts.delivered;
    if (!run.killed || Date.now() >= deadline) {
      return { counts: totals, kills };
    }
    kills++;
  }
}

interface WorkerRun {
  readonly killed: boolean;
  readonly counts: DeliveryCounts;
}

/** Runs one child until it finishes or, when `killAfterMs` is set, until it is killed. */
function runWorker(
  input: CrashingWorkersInput,
  deadline: number,
  added: Set<number>,
  killAfterMs: number | undefined,
  deliveredBefore: number,
  onReady: (child: ChildProcess) => void,
): Promise<WorkerRun> {
  const child = fork(MAIN, ['demo-worker'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.send({
    type: 'start',
    url: input.url,
    bufferPath: input.bufferPath,
    timeoutMs: input.timeoutMs,
    attempts: input.attempts,
    drainIntervalMs: input.drainIntervalMs,
    deadline,
    outage: input.server.outageWindow(),
  } satisfies ParentMessage);
  let counts: DeliveryCounts = {
    total: emptyRunnerCounts(),
    duringOutage: emptyRunnerCounts(),
    delivered: 0,
  };
  let killed = false;
  const killTimer =
    killAfterMs === undefined
      ? undefined
      : setTimeout(() => {
          killed = child.kill('SIGKILL');
        }, killAfterMs);
  child.on('message', (message: WorkerMessage) => {
    if (message.type === 'ready') {
      onReady(child);
      sendMessages(child, input.messages, added);
    } else if (message.type === 'added') {
      added.add(message.sequence);
    } else {
      counts = message.counts;
      const buffered = message.type === 'progress' ? message.buffered : 0;
      input.onProgress(deliveredBefore + counts.delivered, input.messages, buffered);
    }
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(killTimer);
      if (killed || code === 0) {
        resolve({ killed, counts });
        return;
      }
      reject(new Error(`The delivery process exited with ${signal ?? `exit code ${code}`}.`));
    });
  });
}

/** Sends every message not acknowledged as added, in order, then `finish`. */
function sendMessages(child: ChildProcess, messages: number, added: Set<number>): void {
  const send = (message: ParentMessage): void => {
    if (child.connected) {
      child.send(message);
    }
  };
  for (let sequence = 1; sequence <= messages; sequence++) {
    if (!added.has(sequence)) {
      send({ type: 'add', sequence });
    }
  }
  send({ type: 'finish' });
}
