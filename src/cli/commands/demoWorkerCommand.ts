import { DeliveryWorker } from '../demo/DeliveryWorker.js';
import type { ParentMessage, WorkerMessage, WorkerStart } from '../demo/WorkerMessages.js';

/**
 * Runs the delivery process of `demo --crash-test`: it receives its settings and the messages
 * to add over the IPC channel, reports each message whose add resolved, and exits once the
 * buffer is empty. The demo kills it with SIGKILL at random moments and starts another.
 */
export async function demoWorkerCommand(): Promise<number> {
  if (process.send === undefined) {
    console.error('fault-tolerance: demo-worker runs only as the child of `demo --crash-test`.');
    return 2;
  }
  const inbox = new MessageInbox();
  const start = await inbox.next<WorkerStart>('start');
  let outage = start.outage;
  const worker = await DeliveryWorker.open({
    ...start,
    isOutage: () => Date.now() >= outage.from && Date.now() < outage.until,
  });
  worker.events.on('buffered', ({ operationId }) => {
    send({ type: 'added', sequence: Number(operationId?.replace('message-', '')) });
  });
  const progress = setInterval(() => {
    void worker.size().then((buffered) => {
      send({ type: 'progress', counts: worker.counters.snapshot(), buffered });
    });
  }, 50);
  send({ type: 'ready' });
  const deliveries: Promise<boolean>[] = [];
  for (;;) {
    const message = await inbox.next<ParentMessage>();
    if (message.type === 'add') {
      deliveries.push(worker.deliver(message.sequence));
    } else if (message.type === 'outage') {
      outage = message.outage;
    } else if (message.type === 'finish') {
      break;
    }
  }
  await Promise.all(deliveries);
  await worker.waitUntilEmpty(start.drainIntervalMs, start.deadline);
  clearInterval(progress);
  await worker.close();
  send({ type: 'done', counts: worker.counters.snapshot() });
  process.disconnect();
  return 0;
}

/** The messages received from the demo over the IPC channel, first in, first out. */
class MessageInbox {
  readonly #messages: ParentMessage[] = [];
  #wake: (() => void) | undefined;

  constructor() {
    process.on('message', (message: ParentMessage) => {
      this.#messages.push(message);
      this.#wake?.();
    });
  }

  /** Resolves with the next message, checking its type when `type` is given. */
  async next<T extends ParentMessage>(type?: T['type']): Promise<T> {
    while (this.#messages.length === 0) {
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
    const message = this.#messages.shift() as T;
    if (type !== undefined && message.type !== type) {
      throw new Error(`demo-worker: expected a "${type}" message, received "${message.type}".`);
    }
    return message;
  }
}

function send(message: WorkerMessage): void {
  process.send?.(message);
}
