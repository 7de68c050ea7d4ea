import type { OperationBuffer } from '../buffer/OperationBuffer.js';
import { assertBuffer } from '../buffer/assertBuffer.js';
import { BufferedOperationError } from '../errors/BufferedOperationError.js';
import { EventEmitter } from '../events/EventEmitter.js';
import type { Operation } from '../operation/Operation.js';
import { assertOperation } from '../operation/assertOperation.js';
import { operationIdOf } from '../operation/operationIdOf.js';
import type { BufferedOperationRunnerEvents } from './BufferedOperationRunnerEvents.js';
import type { DrainOutcome } from './DrainOutcome.js';
import type { OperationRunner } from './OperationRunner.js';
import { PendingCalls, type PendingCall } from './PendingCalls.js';
import { assertRunner } from './assertRunner.js';

/**
 * Keeps operations in an ordered buffer and runs them head first through an inner runner.
 * An operation leaves the buffer only after it succeeded. One that fails stays at the head,
 * the drain stops there, and the next drain replays it first. Drains are serialized, so no
 * operation runs twice at once and none runs out of order.
 *
 * @example
 * const runner = new BufferedOperationRunner(new SimpleOperationRunner(), new InMemoryOperationBuffer());
 * await runner.run(new Callback(() => deliver(message)));
 */
export class BufferedOperationRunner implements OperationRunner {
  /** Typed events: `buffered`, `success` and `failure`. */
  readonly events = new EventEmitter<BufferedOperationRunnerEvents>();
  readonly #runner: OperationRunner;
  readonly #buffer: OperationBuffer;
  readonly #pending = new PendingCalls();
  #drainChain: Promise<unknown> = Promise.resolve();
  #queuedDrain: Promise<DrainOutcome> | undefined;
  #headFailures = 0;

  constructor(runner: OperationRunner, buffer: OperationBuffer) {
    assertRunner('BufferedOperationRunner', 'runner', runner);
    assertBuffer('BufferedOperationRunner', 'buffer', buffer);
    this.#runner = runner;
    this.#buffer = buffer;
  }

  /**
   * Adds `operation` at the tail of the buffer, then drains the buffer from its head. Resolves
   * with the operation's own result as soon as it has run. Rejects with the error of `add` when
   * the buffer did not take it, and with a {@link BufferedOperationError} when it failed or an
   * operation ahead of it failed: that error tells whether it is kept for a later drain.
   */
  async run<T>(operation: Operation<T>): Promise<T> {
    assertOperation('BufferedOperationRunner.run', 'operation', operation);
    const call = this.#pending.add(operation);
    try {
      await this.#buffer.add(operation);
    } catch (error) {
      this.#pending.remove(operation, call);
      throw error;
    }
    this.events.emit('buffered', { operationId: operationIdOf(operation) });
    void this.#requestDrain().then((outcome) => this.#settleUnreached(operation, call, outcome));
    return call.promise as Promise<T>;
  }

  /**
   * Drains the buffer without adding anything and resolves with the results of the operations
   * that ran, in order. Rejects with a {@link BufferedOperationError} when an operation failed;
   * it stays at the head, and `completed` holds the results of the operations before it.
   */
  async runBufferedOperations(): Promise<unknown[]> {
    const outcome = await this.#requestDrain();
    if (outcome.failure !== undefined) {
      throw new BufferedOperationError({
        kept: outcome.failure.operation !== undefined,
        failedItself: true,
        cause: outcome.failure.error,
        completed: outcome.results,
      });
    }
    return outcome.results;
  }

  /** Returns the drain that starts next: the one already queued, or a new one. */
  #requestDrain(): Promise<DrainOutcome> {
    if (this.#queuedDrain !== undefined) {
      return this.#queuedDrain;
    }
    const drain = this.#drainChain.then(() => {
      if (this.#queuedDrain === drain) {
        this.#queuedDrain = undefined;
      }
      return this.#drain();
    });
    this.#queuedDrain = drain;
    this.#drainChain = drain;
    return drain;
  }

  /** Runs the buffer from its head until it is empty or an operation fails. Never rejects. */
  async #drain(): Promise<DrainOutcome> {
    const results: unknown[] = [];
    for (;;) {
      let operation: Operation | undefined;
      try {
        operation = await this.#buffer.current();
        if (operation === undefined) {
          return { results };
        }
        const value = await this.#runHead(operation);
        results.push(value);
      } catch (error) {
        return { results, failure: { operation, error } };
      }
    }
  }

  /** Runs the head operation, then removes it and settles the call waiting for it. */
  async #runHead(operation: Operation): Promise<unknown> {
    const attempt = this.#headFailures + 1;
    const operationId = operationIdOf(operation);
    try {
      const value = await this.#runner.run(operation, { attempt });
      await this.#buffer.pop();
      this.#headFailures = 0;
      this.events.emit('success', { operationId, attempt });
      this.#pending.resolve(operation, value);
      return value;
    } catch (error) {
      this.#headFailures++;
      this.events.emit('failure', { operationId, attempt, error });
      const kept = new BufferedOperationError({ kept: true, failedItself: true, cause: error });
      this.#pending.reject(operation, kept);
      throw error;
    }
  }

  /** Rejects a call whose operation the drain did not reach. */
  #settleUnreached(operation: Operation, call: PendingCall, outcome: DrainOutcome): void {
    if (call.settled) {
      return;
    }
    this.#pending.remove(operation, call);
    if (outcome.failure !== undefined) {
      call.reject(
        new BufferedOperationError({
          kept: true,
          failedItself: false,
          cause: outcome.failure.error,
        }),
      );
      return;
    }
    // The buffer emptied without this runner running the operation: another consumer of the
    // same buffer removed it, so its result is unknown here.
    call.reject(
      new BufferedOperationError({
        kept: false,
        failedItself: false,
        cause: new Error('Another consumer of the buffer removed the operation.'),
      }),
    );
  }
}
