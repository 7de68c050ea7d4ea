import { isKeyedBuffer, type KeyedOperationBuffer } from '../buffer/KeyedOperationBuffer.js';
import { isLeasedBuffer } from '../buffer/LeasedOperationBuffer.js';
import type { OperationBuffer } from '../buffer/OperationBuffer.js';
import { assertBuffer } from '../buffer/assertBuffer.js';
import { BufferedOperationError } from '../errors/BufferedOperationError.js';
import { RunnerClosedError } from '../errors/RunnerClosedError.js';
import { EventEmitter } from '../events/EventEmitter.js';
import type { Operation } from '../operation/Operation.js';
import { assertOperation } from '../operation/assertOperation.js';
import { operationIdOf } from '../operation/operationIdOf.js';
import { operationKeyOf } from '../operation/operationKeyOf.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import { assertSignal } from '../waiter/assertSignal.js';
import { BackgroundDrainer } from './BackgroundDrainer.js';
import {
  resolveBufferedOptions,
  type BufferedOperationRunnerOptions,
  type BufferedOperationRunnerSettings,
} from './BufferedOperationRunnerOptions.js';
import { drainLeaseOf, type DrainLease } from './DrainLease.js';
import { KeyedDrain } from './KeyedDrain.js';
import { RetrySchedule } from './RetrySchedule.js';
import type { BufferedOperationRunnerEvents } from './BufferedOperationRunnerEvents.js';
import type { DrainOutcome } from './DrainOutcome.js';
import type { OperationRunner } from './OperationRunner.js';
import type { RunOptions } from './RunOptions.js';
import { PendingCalls, type PendingCall } from './PendingCalls.js';
import { assertRunner } from './assertRunner.js';

/**
 * The last drain and the waiting calls of each buffer object, shared by every runner on it, so
 * that one drain at a time runs, and a call is settled by whichever runner runs its operation.
 */
const drainChains = new WeakMap<OperationBuffer, Promise<unknown>>();
const pendingCalls = new WeakMap<OperationBuffer, PendingCalls>();

function pendingCallsOf(buffer: OperationBuffer): PendingCalls {
  let calls = pendingCalls.get(buffer);
  if (calls === undefined) {
    calls = new PendingCalls();
    pendingCalls.set(buffer, calls);
  }
  return calls;
}

/**
 * Keeps operations in an ordered buffer and runs them head first through an inner runner.
 * An operation leaves the buffer only after it succeeded. One that fails stays at the head,
 * the drain stops there, and the next drain replays it first. Drains are serialized, also
 * across runners that share one buffer object, so no operation runs twice at once and none
 * runs out of order.
 *
 * With a keyed buffer (such as `SqliteOperationBuffer`), order is kept per key: a failing head
 * blocks only its own key, and waits for its next attempt, set by `backoff` and stored with
 * it. With `deadLetters`, a poison operation moves to the buffer's dead letters instead of
 * blocking its key forever. A shared buffer's lease is taken for each drain, so that two
 * processes never drain it at once. `start()` drains in the background, without waiting for a
 * new `run()`; `close()` stops, waits for the operation in flight and leaves the rest stored.
 *
 * @example
 * const runner = new BufferedOperationRunner(new SimpleOperationRunner(), new InMemoryOperationBuffer());
 * await runner.run(new Callback(() => deliver(message)));
 */
export class BufferedOperationRunner implements OperationRunner {
  /** Typed events: `buffered`, `success`, `failure` and `deadLettered`. */
  readonly events = new EventEmitter<BufferedOperationRunnerEvents>();
  readonly #runner: OperationRunner;
  readonly #buffer: OperationBuffer;
  readonly #pending: PendingCalls;
  #drainChain: Promise<unknown> = Promise.resolve();
  #queuedDrain: Promise<DrainOutcome> | undefined;
  #headFailures = 0;
  readonly #settings: BufferedOperationRunnerSettings;
  readonly #schedule: RetrySchedule;
  readonly #drainer: BackgroundDrainer;
  readonly #lease: DrainLease | undefined;
  #closing = false;

  constructor(
    runner: OperationRunner,
    buffer: OperationBuffer,
    options?: BufferedOperationRunnerOptions,
  ) {
    assertRunner('BufferedOperationRunner', 'runner', runner);
    assertBuffer('BufferedOperationRunner', 'buffer', buffer);
    this.#runner = runner;
    this.#buffer = buffer;
    this.#pending = pendingCallsOf(buffer);
    this.#settings = resolveBufferedOptions(buffer, options);
    this.#schedule = new RetrySchedule(this.#settings.backoff);
    this.#drainer = new BackgroundDrainer({ ...this.#settings, drain: () => this.#requestDrain() });
    this.#lease = isLeasedBuffer(buffer) ? drainLeaseOf(buffer, this.#settings.clock) : undefined;
  }

  /**
   * Starts draining the buffer in the background: operations stored earlier, or added by other
   * processes, are replayed without a new `run()`. A failing head is retried after its backoff
   * delay. The drainer's timers keep the process alive until `stop()` or `close()`.
   */
  start(): void {
    if (this.#closing) {
      throw new RunnerClosedError('BufferedOperationRunner.start');
    }
    this.#drainer.start();
  }

  /** Stops the background drainer and resolves once its drain in flight has ended. */
  async stop(): Promise<void> {
    await this.#drainer.stop();
  }

  /**
   * Stops the background drainer, lets the operation in flight finish, and resolves once no
   * drain runs: the operations not reached stay in the buffer, and their calls reject as kept.
   * Later calls reject with a {@link RunnerClosedError}. The buffer stays open; close it after.
   */
  async close(): Promise<void> {
    this.#closing = true;
    await this.#drainer.stop();
    await this.#drainChain;
    // The buffer may be closed already, and a lease that is not given back expires by itself.
    await this.#lease?.release().catch(() => undefined);
  }

  /**
   * Adds `operation` at the tail of the buffer, then drains the buffer from its head. Resolves
   * with the operation's own result as soon as it has run. Rejects with the error of `add` when
   * the buffer did not take it, and with a {@link BufferedOperationError} when it failed or an
   * operation ahead of it failed: its `kept` is true when the operation stays for a later drain.
   *
   * NOTE: `options.signal` is checked once, before the operation is stored: an aborted signal
   * rejects with its reason and stores nothing. An abort after that is ignored, because the
   * stored operation runs in a later drain whatever the caller does.
   */
  async run<T>(operation: Operation<T>, options?: RunOptions): Promise<T> {
    assertOperation('BufferedOperationRunner.run', 'operation', operation);
    assertOptionsObject('BufferedOperationRunner.run', 'options', options);
    const signal = options?.signal;
    assertSignal('BufferedOperationRunner.run', 'signal', signal);
    signal?.throwIfAborted();
    if (this.#closing) {
      throw new RunnerClosedError('BufferedOperationRunner.run');
    }
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
   * that ran, in order. Rejects with a {@link BufferedOperationError} when an operation failed,
   * or the buffer could not be read: the head stays in the buffer, `cause` is the failure, and
   * `completed` contains the results of the operations before it. Rejects with a
   * {@link RunnerClosedError} after `close()`.
   */
  async runBufferedOperations(): Promise<unknown[]> {
    if (this.#closing) {
      throw new RunnerClosedError('BufferedOperationRunner.runBufferedOperations');
    }
    const outcome = await this.#requestDrain();
    if (outcome.failure !== undefined) {
      throw new BufferedOperationError({
        kept: true,
        failedItself: true,
        cause: outcome.failure.error,
        completed: outcome.results,
      });
    }
    return outcome.results;
  }

  /**
   * Returns the drain that starts next: the one already queued, or a new one. A new drain waits
   * for the last drain of the buffer, whichever runner started it, so that two runners sharing
   * one buffer object never run its operations at once.
   */
  #requestDrain(): Promise<DrainOutcome> {
    if (this.#queuedDrain !== undefined) {
      return this.#queuedDrain;
    }
    const previous = drainChains.get(this.#buffer) ?? this.#drainChain;
    const drain = previous.then(() => {
      if (this.#queuedDrain === drain) {
        this.#queuedDrain = undefined;
      }
      return this.#drain();
    });
    this.#queuedDrain = drain;
    this.#drainChain = drain;
    drainChains.set(this.#buffer, drain);
    return drain;
  }

  /** Takes the lease of a shared buffer, then drains it in order or by key. Never rejects. */
  async #drain(): Promise<DrainOutcome> {
    // A drain queued before `close()` must not take the lease that `close()` gave back.
    if (this.#closing) {
      return { results: [], stopped: true };
    }
    try {
      await this.#lease?.acquire();
    } catch (error) {
      return { results: [], failure: { operation: undefined, error } };
    }
    try {
      const buffer = this.#buffer;
      return await (isKeyedBuffer(buffer) ? this.#drainByKey(buffer) : this.#drainInOrder());
    } finally {
      this.#lease?.releaseWhenIdle();
    }
  }

  #drainByKey(buffer: KeyedOperationBuffer): Promise<DrainOutcome> {
    const pending = this.#pending;
    return new KeyedDrain({
      ...this.#settings,
      buffer,
      runner: this.#runner,
      schedule: this.#schedule,
      events: this.events,
      isStopping: () => this.#closing,
      hooks: {
        succeeded: (operation, value) => pending.resolve(operation, value),
        failed: (operation, error) => pending.reject(operation, keptError(error)),
        deadLettered: (operation, error) =>
          pending.discard(
            operation,
            new BufferedOperationError({ kept: false, failedItself: true, cause: error }),
          ),
      },
    }).run();
  }

  /** Runs the buffer from its head until it is empty or an operation fails. Never rejects. */
  async #drainInOrder(): Promise<DrainOutcome> {
    const results: unknown[] = [];
    for (;;) {
      let operation: Operation | undefined;
      if (this.#closing) {
        return { results, stopped: true };
      }
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
    const cause = blockingCause(operation, outcome);
    if (cause !== undefined) {
      this.#pending.detach(operation, call);
      call.reject(new BufferedOperationError({ kept: true, failedItself: false, cause }));
      return;
    }
    // The buffer emptied without this runner running the operation: another consumer of the
    // same buffer removed it, so its result is unknown here.
    this.#pending.remove(operation, call);
    call.reject(
      new BufferedOperationError({
        kept: false,
        failedItself: false,
        cause: new Error('Another consumer of the buffer removed the operation.'),
      }),
    );
  }
}

function keptError(cause: unknown): BufferedOperationError {
  return new BufferedOperationError({ kept: true, failedItself: true, cause });
}

/**
 * Why a drain left `operation` in the buffer without running it: the failure or wait blocking
 * its key, a failure that stopped the whole drain, or the runner closing. `undefined` when the
 * drain ended for no such reason.
 */
function blockingCause(operation: Operation, outcome: DrainOutcome): unknown {
  const key = operationKeyOf(operation);
  if (outcome.blockedKeys?.has(key) === true) {
    return outcome.blockedKeys.get(key);
  }
  if (
    outcome.failure !== undefined &&
    (outcome.blockedKeys === undefined || outcome.failure.operation === undefined)
  ) {
    return outcome.failure.error;
  }
  if (outcome.stopped === true) {
    return new RunnerClosedError('BufferedOperationRunner');
  }
  return undefined;
}
