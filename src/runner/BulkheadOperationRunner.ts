import type { Clock, TimerHandle } from '../clock/Clock.js';
import { systemClock } from '../clock/SystemClock.js';
import { assertClock } from '../clock/assertClock.js';
import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';
import {
  BulkheadRejectedError,
  type BulkheadRejectionReason,
} from '../errors/BulkheadRejectedError.js';
import { EventEmitter } from '../events/EventEmitter.js';
import type { Operation } from '../operation/Operation.js';
import { assertOperation } from '../operation/assertOperation.js';
import { operationIdOf } from '../operation/operationIdOf.js';
import { withDefaults } from '../options/withDefaults.js';
import { WaitQueue } from '../queue/WaitQueue.js';
import { assertRequiredObject } from '../rateLimit/assertRequiredObject.js';
import { assertNumber } from '../validation/assertNumber.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import { assertSignal } from '../waiter/assertSignal.js';
import type { BulkheadOperationRunnerEvents } from './BulkheadOperationRunnerEvents.js';
import type { BulkheadOperationRunnerOptions } from './BulkheadOperationRunnerOptions.js';
import type { OperationRunner } from './OperationRunner.js';
import type { RunOptions } from './RunOptions.js';
import { assertRunner } from './assertRunner.js';

const COMPONENT = 'BulkheadOperationRunner';

const DEFAULTS = Object.freeze({
  maxQueued: 0,
  maxQueueWaitMs: Infinity,
  clock: systemClock,
} satisfies Omit<BulkheadOperationRunnerOptions, 'maxConcurrent'>);

/**
 * Limits how many operations run at once. A call that finds all `maxConcurrent` slots taken
 * waits in a first-in, first-out queue of `maxQueued` places, for at most `maxQueueWaitMs`;
 * when the queue is full too, or the wait runs out, it is rejected with a
 * {@link BulkheadRejectedError}. A queued call whose caller aborts leaves the queue at once
 * and rejects with the signal's reason. A slot is returned when the inner runner settles.
 *
 * NOTE: the caller's signal is passed to the inner runner, but an operation that ignores it
 * keeps its slot until it settles, so that no more than `maxConcurrent` operations run at once.
 *
 * @example
 * const runner = new BulkheadOperationRunner(new SimpleOperationRunner(), {
 *   maxConcurrent: 10,
 *   maxQueued: 100,
 *   maxQueueWaitMs: 5_000,
 * });
 */
export class BulkheadOperationRunner implements OperationRunner {
  /** Typed events: `rejected`, `queued` and `started`. */
  readonly events = new EventEmitter<BulkheadOperationRunnerEvents>();
  readonly #runner: OperationRunner;
  readonly #maxConcurrent: number;
  readonly #maxQueued: number;
  readonly #maxQueueWaitMs: number;
  readonly #clock: Clock;
  /** Calls waiting for a slot, each tagged with its operation's id. */
  readonly #queue = new WaitQueue<string | undefined>(() => this.#clearTimerWhenIdle());
  #activeCount = 0;
  /** The timer that rejects the head of the queue when its wait runs out. */
  #queueTimer: TimerHandle | undefined;

  constructor(runner: OperationRunner, options: BulkheadOperationRunnerOptions) {
    assertRunner(COMPONENT, 'runner', runner);
    assertRequiredObject(COMPONENT, 'options', options);
    const settings = withDefaults(DEFAULTS, options);
    assertNumber(COMPONENT, 'maxConcurrent', settings.maxConcurrent, {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
      integer: true,
    });
    assertNumber(COMPONENT, 'maxQueued', settings.maxQueued, {
      min: 0,
      max: Infinity,
      integer: true,
    });
    assertNumber(COMPONENT, 'maxQueueWaitMs', settings.maxQueueWaitMs, { min: 0, max: Infinity });
    assertClock(COMPONENT, 'clock', settings.clock);
    this.#runner = runner;
    this.#maxConcurrent = settings.maxConcurrent;
    this.#maxQueued = settings.maxQueued;
    this.#maxQueueWaitMs = settings.maxQueueWaitMs;
    this.#clock = settings.clock;
  }

  /** The number of operations running, from 0 to `maxConcurrent`. */
  get activeCount(): number {
    return this.#activeCount;
  }

  /** The number of calls waiting for a slot, from 0 to `maxQueued`. */
  get queuedCount(): number {
    return this.#queue.size;
  }

  /**
   * Runs `operation` through the inner runner once it gets a slot. Rejects with a
   * {@link BulkheadRejectedError} when it gets none, with the signal's reason when the caller
   * aborts while it waits, and otherwise settles as the inner runner does.
   */
  run<T>(operation: Operation<T>, options?: RunOptions): Promise<T> {
    try {
      assertOperation(`${COMPONENT}.run`, 'operation', operation);
      assertOptionsObject(`${COMPONENT}.run`, 'options', options);
      assertSignal(`${COMPONENT}.run`, 'signal', options?.signal);
    } catch (error) {
      return Promise.reject(error);
    }
    const signal = options?.signal;
    if (signal?.aborted === true) {
      return Promise.reject(signal.reason);
    }
    if (this.#activeCount < this.#maxConcurrent) {
      this.#activeCount++;
      return this.#start(operation, options, 0);
    }
    if (this.#queue.size >= this.#maxQueued) {
      const rejection = this.#createRejection('full', 0, operationIdOf(operation));
      return Promise.reject(rejection);
    }
    return this.#enqueue(operation, options);
  }

  #enqueue<T>(operation: Operation<T>, options: RunOptions | undefined): Promise<T> {
    const enqueuedAt = this.#clock.now();
    const operationId = operationIdOf(operation);
    const slot = this.#queue.enqueue(enqueuedAt, options?.signal, operationId);
    if (this.events.has('queued')) {
      this.events.emit('queued', {
        activeCount: this.#activeCount,
        queuedCount: this.#queue.size,
        operationId,
      });
    }
    if (this.#queueTimer === undefined && this.#maxQueueWaitMs !== Infinity) {
      this.#setQueueTimer(this.#maxQueueWaitMs);
    }
    return slot.then(() => this.#start(operation, options, this.#clock.now() - enqueuedAt));
  }

  /** Runs the operation in a slot already counted in `#activeCount`. */
  #start<T>(
    operation: Operation<T>,
    options: RunOptions | undefined,
    waitedMs: number,
  ): Promise<T> {
    if (this.events.has('started')) {
      this.events.emit('started', {
        activeCount: this.#activeCount,
        waitedMs,
        operationId: operationIdOf(operation),
      });
    }
    let running: Promise<T>;
    try {
      running = Promise.resolve(this.#runner.run(operation, options));
    } catch (error) {
      running = Promise.reject(error);
    }
    return running.then(this.#releaseAfterSuccess, this.#releaseAfterFailure);
  }

  readonly #releaseAfterSuccess = <T>(value: T): T => {
    this.#release();
    return value;
  };

  readonly #releaseAfterFailure = (error: unknown): never => {
    this.#release();
    throw error;
  };

  /** Hands the slot of a settled operation to the head of the queue, or frees it. */
  #release(): void {
    if (this.#queue.size === 0) {
      this.#activeCount--;
      return;
    }
    this.#queue.grantNext();
    this.#clearTimerWhenIdle();
  }

  /** Rejects every queued call whose wait ran out, then sets the timer for the next one. */
  #expireQueued(): void {
    this.#queueTimer = undefined;
    const now = this.#clock.now();
    let head = this.#queue.peek();
    // The due time is compared as the timer computed it, so that a wait shorter than the clock
    // time's resolution expires instead of setting a timer of 0 ms again and again.
    while (head !== undefined && head.enqueuedAt + this.#maxQueueWaitMs <= now) {
      this.#queue.rejectNext(({ enqueuedAt, tag }) =>
        this.#createRejection('queue-timeout', now - enqueuedAt, tag),
      );
      head = this.#queue.peek();
    }
    if (head !== undefined) {
      this.#setQueueTimer(head.enqueuedAt + this.#maxQueueWaitMs - now);
    }
  }

  #setQueueTimer(delayMs: number): void {
    const timerDelayMs = Math.min(Math.max(0, delayMs), MAX_TIMER_DELAY_MS);
    this.#queueTimer = this.#clock.setTimeout(() => this.#expireQueued(), timerDelayMs, {
      unref: true,
    });
  }

  /** Clears the queue timer once no call waits, so that no timer outlives the work. */
  #clearTimerWhenIdle(): void {
    if (this.#queue.size === 0 && this.#queueTimer !== undefined) {
      this.#clock.clearTimeout(this.#queueTimer);
      this.#queueTimer = undefined;
    }
  }

  /**
   * Emits `rejected` and returns the error for a call that got no slot. A call whose queue
   * wait ran out must have left the queue already, so that `queuedCount` no longer counts it.
   */
  #createRejection(
    reason: BulkheadRejectionReason,
    waitedMs: number,
    operationId: string | undefined,
  ): BulkheadRejectedError {
    this.events.emit('rejected', {
      reason,
      activeCount: this.#activeCount,
      queuedCount: this.#queue.size,
      operationId,
    });
    return new BulkheadRejectedError({
      reason,
      maxConcurrent: this.#maxConcurrent,
      maxQueued: this.#maxQueued,
      waitedMs,
      operationId,
    });
  }
}
