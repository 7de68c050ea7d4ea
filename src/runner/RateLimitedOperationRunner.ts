import type { Clock, TimerHandle } from '../clock/Clock.js';
import { systemClock } from '../clock/SystemClock.js';
import { assertClock } from '../clock/assertClock.js';
import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';
import { RateLimitedError, type RateLimitRejectionReason } from '../errors/RateLimitedError.js';
import { EventEmitter } from '../events/EventEmitter.js';
import type { Operation } from '../operation/Operation.js';
import { assertOperation } from '../operation/assertOperation.js';
import { operationIdOf } from '../operation/operationIdOf.js';
import { withDefaults } from '../options/withDefaults.js';
import { WaitQueue } from '../queue/WaitQueue.js';
import { KeyedLimiterStore } from '../rateLimit/KeyedLimiterStore.js';
import type { RateLimiter } from '../rateLimit/RateLimiter.js';
import { assertRequiredObject } from '../rateLimit/assertRequiredObject.js';
import { createRateLimiterFactory } from '../rateLimit/createRateLimiterFactory.js';
import { assertFunction } from '../validation/assertFunction.js';
import { assertNumber } from '../validation/assertNumber.js';
import { describeValue } from '../validation/describeValue.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import { assertSignal } from '../waiter/assertSignal.js';
import type { OperationRunner } from './OperationRunner.js';
import type { RateLimitedOperationRunnerEvents } from './RateLimitedOperationRunnerEvents.js';
import type { RateLimitedOperationRunnerOptions } from './RateLimitedOperationRunnerOptions.js';
import type { RunOptions } from './RunOptions.js';
import { assertRunner } from './assertRunner.js';

const COMPONENT = 'RateLimitedOperationRunner';
/** The shortest wait of the timer that serves waiting calls, in milliseconds. */
const MIN_TIMER_DELAY_MS = 1;

const DEFAULTS = Object.freeze({
  maxWaitMs: 0,
  keyOf: undefined,
  maxKeys: 10_000,
  clock: systemClock,
} satisfies Omit<RateLimitedOperationRunnerOptions, 'tokenBucket' | 'slidingWindow'>);

/** The limit of one key and the calls waiting for its permits, served first in, first out. */
interface KeyState {
  readonly key: string | undefined;
  readonly limiter: RateLimiter;
  readonly waiters: WaitQueue;
  /** The timer that serves the head waiter; set exactly while `waiters` is not empty. */
  timer: TimerHandle | undefined;
}

/**
 * Limits how often operations start, with a token bucket or a strict sliding window, for all
 * calls or separately per key (such as per tenant). A call that finds no free permit is
 * rejected at once with a {@link RateLimitedError} carrying `retryAfterMs`, or, when
 * `maxWaitMs` is above 0, waits for a permit in first-in, first-out order. A waiting call
 * whose caller aborts leaves the queue at once and rejects with the signal's reason.
 *
 * @example
 * const runner = new RateLimitedOperationRunner(new SimpleOperationRunner(), {
 *   slidingWindow: { maxStarts: 100, windowMs: 60_000 },
 *   maxWaitMs: 5_000,
 * });
 */
export class RateLimitedOperationRunner implements OperationRunner {
  /** Typed events: `rejected`, `queued` and `started`. */
  readonly events = new EventEmitter<RateLimitedOperationRunnerEvents>();
  readonly #runner: OperationRunner;
  readonly #clock: Clock;
  readonly #maxWaitMs: number;
  readonly #keyOf: RateLimitedOperationRunnerOptions['keyOf'];
  readonly #createLimiter: () => RateLimiter;
  /** The state of the single limit, when `keyOf` is absent. */
  readonly #single: KeyState | undefined;
  /** The states of the keys, when `keyOf` is given. */
  readonly #store: KeyedLimiterStore<KeyState> | undefined;
  #queuedCount = 0;

  constructor(runner: OperationRunner, options: RateLimitedOperationRunnerOptions) {
    assertRunner(COMPONENT, 'runner', runner);
    assertRequiredObject(COMPONENT, 'options', options);
    const settings = withDefaults(DEFAULTS, options);
    this.#createLimiter = createRateLimiterFactory(COMPONENT, options);
    assertNumber(COMPONENT, 'maxWaitMs', settings.maxWaitMs, { min: 0, max: Infinity });
    if (settings.keyOf !== undefined) {
      assertFunction(COMPONENT, 'keyOf', settings.keyOf);
    }
    assertNumber(COMPONENT, 'maxKeys', settings.maxKeys, {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
      integer: true,
    });
    assertClock(COMPONENT, 'clock', settings.clock);
    this.#runner = runner;
    this.#clock = settings.clock;
    this.#maxWaitMs = settings.maxWaitMs;
    this.#keyOf = settings.keyOf;
    if (settings.keyOf === undefined) {
      this.#single = this.#createState(undefined);
    } else {
      const delayUntilIdle = (state: KeyState, now: number): number => delayUntilIdleOf(state, now);
      const create = (key: string): KeyState => this.#createState(key);
      this.#store = new KeyedLimiterStore(settings.maxKeys, create, delayUntilIdle);
    }
  }

  /** The number of calls waiting for a permit, over all keys. */
  get queuedCount(): number {
    return this.#queuedCount;
  }

  /** The number of keys whose limits are kept: 1 without `keyOf`. */
  get keyCount(): number {
    return this.#store?.size ?? 1;
  }

  /**
   * Runs `operation` through the inner runner once it gets a permit. Rejects with a
   * {@link RateLimitedError} when it gets none in time, with the signal's reason when the
   * caller aborts while it waits, and otherwise settles as the inner runner does.
   */
  run<T>(operation: Operation<T>, options?: RunOptions): Promise<T> {
    let key: string | undefined;
    try {
      assertOperation(`${COMPONENT}.run`, 'operation', operation);
      assertOptionsObject(`${COMPONENT}.run`, 'options', options);
      assertSignal(`${COMPONENT}.run`, 'signal', options?.signal);
      if (options?.signal?.aborted === true) {
        return Promise.reject(options.signal.reason);
      }
      key = this.#keyFor(operation, options);
    } catch (error) {
      return Promise.reject(error);
    }
    const now = this.#clock.now();
    const state = this.#single ?? this.#store?.get(key as string, now);
    if (state === undefined) {
      const retryAfterMs = this.#store?.delayUntilRoom(now) ?? 0;
      return this.#reject(operation, key, 'too-many-keys', retryAfterMs);
    }
    if (state.waiters.size === 0 && state.limiter.delayUntilPermit(now, 0) === 0) {
      state.limiter.take(now);
      return this.#start(operation, options, key, 0);
    }
    return this.#wait(state, operation, options, now);
  }

  #keyFor(operation: Operation, options: RunOptions | undefined): string | undefined {
    if (this.#keyOf === undefined) {
      return undefined;
    }
    const key = this.#keyOf(operation, options);
    if (typeof key !== 'string') {
      throw new TypeError(
        `${COMPONENT}: \`keyOf\` must return a string, returned ${describeValue(key)}.`,
      );
    }
    return key;
  }

  /** Queues the call for a permit, or rejects it when its wait would exceed `maxWaitMs`. */
  #wait<T>(
    state: KeyState,
    operation: Operation<T>,
    options: RunOptions | undefined,
    now: number,
  ): Promise<T> {
    const delayMs = state.limiter.delayUntilPermit(now, state.waiters.size);
    if (delayMs > this.#maxWaitMs) {
      const reason = this.#maxWaitMs === 0 ? 'limit-reached' : 'max-wait-exceeded';
      return this.#reject(operation, state.key, reason, delayMs);
    }
    const permit = state.waiters.enqueue(now, options?.signal, undefined);
    this.#queuedCount++;
    if (this.events.has('queued')) {
      const operationId = operationIdOf(operation);
      this.events.emit('queued', { key: state.key, queuedCount: state.waiters.size, operationId });
    }
    if (state.timer === undefined) {
      this.#serve(state);
    }
    return permit.then(() => this.#start(operation, options, state.key, this.#clock.now() - now));
  }

  /**
   * Grants permits to the waiters of `state` in order while permits are free, then sets a
   * timer for the next one.
   */
  #serve(state: KeyState): void {
    state.timer = undefined;
    const now = this.#clock.now();
    while (state.waiters.size > 0) {
      const delayMs = state.limiter.delayUntilPermit(now, 0);
      if (delayMs > 0) {
        // At least 1 ms, as a Node.js timer waits anyway: a shorter delay can fall below the
        // resolution of a large clock time, so the timer would fire again at the same time,
        // with no token refilled, forever.
        const timerDelayMs = Math.min(Math.max(delayMs, MIN_TIMER_DELAY_MS), MAX_TIMER_DELAY_MS);
        state.timer = this.#clock.setTimeout(() => this.#serve(state), timerDelayMs);
        return;
      }
      state.limiter.take(now);
      state.waiters.grantNext();
      this.#queuedCount--;
    }
  }

  /** Updates the count after a waiter left on abort, and clears a timer no waiter needs. */
  #onAbandon(state: KeyState): void {
    this.#queuedCount--;
    if (state.waiters.size === 0 && state.timer !== undefined) {
      this.#clock.clearTimeout(state.timer);
      state.timer = undefined;
    }
  }

  #start<T>(
    operation: Operation<T>,
    options: RunOptions | undefined,
    key: string | undefined,
    waitedMs: number,
  ): Promise<T> {
    if (this.events.has('started')) {
      this.events.emit('started', { key, waitedMs, operationId: operationIdOf(operation) });
    }
    try {
      return Promise.resolve(this.#runner.run(operation, options));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #reject(
    operation: Operation,
    key: string | undefined,
    reason: RateLimitRejectionReason,
    delayMs: number,
  ): Promise<never> {
    const retryAfterMs = Math.ceil(delayMs);
    const operationId = operationIdOf(operation);
    this.events.emit('rejected', { reason, key, retryAfterMs, operationId });
    return Promise.reject(new RateLimitedError({ reason, retryAfterMs, key, operationId }));
  }

  #createState(key: string | undefined): KeyState {
    const state: KeyState = {
      key,
      limiter: this.#createLimiter(),
      waiters: new WaitQueue(() => this.#onAbandon(state)),
      timer: undefined,
    };
    return state;
  }
}

/**
 * Returns the milliseconds until forgetting `state` would not loosen its limit. A key with
 * waiting calls is never idle, so the result is then at least 1.
 */
function delayUntilIdleOf(state: KeyState, now: number): number {
  if (state.waiters.size > 0) {
    return Math.max(1, state.limiter.delayUntilPermit(now, state.waiters.size));
  }
  return state.limiter.delayUntilIdle(now);
}
