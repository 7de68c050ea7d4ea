import { ExponentialBackoff } from '../../backoff/ExponentialBackoff.js';
import { InMemoryOperationBuffer } from '../../buffer/InMemoryOperationBuffer.js';
import type { OperationBuffer } from '../../buffer/OperationBuffer.js';
import { BufferedOperationError } from '../../errors/BufferedOperationError.js';
import type { OperationRegistry } from '../../operation/OperationRegistry.js';
import { BufferedOperationRunner } from '../../runner/BufferedOperationRunner.js';
import { SleepWaiter } from '../../waiter/SleepWaiter.js';
import { DeliveryCounters } from './DeliveryCounters.js';
import { createDeliveryRegistry, DELIVER, deliveryId } from './createDeliveryRegistry.js';
import { createDeliveryRunner, type DeliveryRunnerSettings } from './createDeliveryRunner.js';
import { openSqliteBuffer } from './openSqliteBuffer.js';

/** Settings of a {@link DeliveryWorker}. */
export interface DeliveryWorkerSettings extends DeliveryRunnerSettings {
  /** The URL messages are posted to. */
  readonly url: string;
  /** The SQLite file of the buffer, or `undefined` for a buffer in memory. */
  readonly bufferPath: string | undefined;
  /** Tells whether the server's outage is in progress, to split the counts. */
  readonly isOutage: () => boolean;
}

/**
 * Delivers messages through a buffered runner whose background drainer replays what failed.
 * Each message is a named operation, so a SQLite buffer can store it and a restarted worker
 * can replay it.
 */
export class DeliveryWorker {
  readonly counters: DeliveryCounters;
  readonly #registry: OperationRegistry;
  readonly #buffer: OperationBuffer & { close?: () => Promise<void> };
  readonly #runner: BufferedOperationRunner;

  private constructor(
    settings: DeliveryWorkerSettings,
    registry: OperationRegistry,
    buffer: OperationBuffer & { close?: () => Promise<void> },
  ) {
    this.counters = new DeliveryCounters(settings.isOutage);
    this.#registry = registry;
    this.#buffer = buffer;
    this.#runner = new BufferedOperationRunner(
      createDeliveryRunner(settings, this.counters),
      buffer,
      {
        backoff: new ExponentialBackoff({ initialDelayMs: 50, maxDelayMs: 500 }),
        pollIntervalMs: 50,
      },
    );
    this.#runner.events.on('success', ({ attempt }) => {
      this.counters.countDelivered();
      if (attempt > 1) {
        this.counters.count('replayed');
      }
    });
  }

  /** Opens the buffer and starts replaying what it contains in the background. */
  static async open(settings: DeliveryWorkerSettings): Promise<DeliveryWorker> {
    const registry = createDeliveryRegistry(settings.url);
    const buffer =
      settings.bufferPath === undefined
        ? new InMemoryOperationBuffer()
        : await openSqliteBuffer(settings.bufferPath, registry);
    const worker = new DeliveryWorker(settings, registry, buffer);
    worker.#runner.start();
    return worker;
  }

  /** The buffered runner's events, for progress reports. */
  get events(): BufferedOperationRunner['events'] {
    return this.#runner.events;
  }

  /**
   * Adds message `sequence` and waits until it was delivered or kept in the buffer. Resolves
   * with `true` when it was delivered at once, `false` when it is kept for a replay.
   */
  async deliver(sequence: number): Promise<boolean> {
    const operation = this.#registry.operation(DELIVER, { sequence }, { id: deliveryId(sequence) });
    try {
      await this.#runner.run(operation);
      return true;
    } catch (error) {
      if (error instanceof BufferedOperationError && error.kept) {
        this.counters.count('kept');
        return false;
      }
      throw error;
    }
  }

  /** Returns the number of messages waiting in the buffer. */
  size(): Promise<number> {
    return Promise.resolve(this.#buffer.size());
  }

  /** Waits until the buffer is empty, checking every `intervalMs`, or until `deadline`. */
  async waitUntilEmpty(intervalMs: number, deadline: number): Promise<void> {
    const waiter = new SleepWaiter();
    while ((await this.size()) > 0 && Date.now() < deadline) {
      await waiter.sleep(intervalMs);
    }
  }

  /** Stops the drainer, lets the delivery in flight finish, and closes the buffer. */
  async close(): Promise<void> {
    await this.#runner.close();
    await this.#buffer.close?.();
  }
}
