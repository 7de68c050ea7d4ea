import type { BackoffSequence } from '../backoff/Backoff.js';
import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';
import { isNonRetryable } from '../errors/isNonRetryable.js';
import type { EventEmitter } from '../events/EventEmitter.js';
import type { Operation } from '../operation/Operation.js';
import { onAbort } from '../signal/onAbort.js';
import { describeValue } from '../validation/describeValue.js';
import type {
  AttemptFailure,
  GiveUpReason,
  RetryOperationRunnerEvents,
} from './RetryOperationRunnerEvents.js';
import type { RetryOperationRunnerSettings } from './RetryOperationRunnerSettings.js';
import type { RunOptions } from './RunOptions.js';

/**
 * One call of `RetryOperationRunner.run()`: it runs attempts, waits between them and settles
 * `promise` exactly once. Every path that settles it removes the abort callback, and every
 * callback that arrives after settlement (a late attempt, a wait a custom waiter did not
 * cancel) is ignored, so nothing starts after the caller got an answer.
 */
export class RetryOperationRunnerExecution<T> {
  readonly promise: Promise<T>;
  readonly #settings: RetryOperationRunnerSettings;
  readonly #events: EventEmitter<RetryOperationRunnerEvents>;
  readonly #operation: Operation<T>;
  readonly #options: RunOptions | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #removeAbortCallback: (() => void) | undefined;
  #startedAt: number;
  #resolve!: (value: T) => void;
  #reject!: (reason: unknown) => void;
  #attempt: number;
  #attempts = 0;
  #sequence: BackoffSequence | undefined;
  #settled = false;

  constructor(
    settings: RetryOperationRunnerSettings,
    events: EventEmitter<RetryOperationRunnerEvents>,
    operation: Operation<T>,
    options: RunOptions | undefined,
    startedAt: number | undefined,
  ) {
    this.promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#settings = settings;
    this.#events = events;
    this.#operation = operation;
    this.#options = options;
    this.#signal = options?.signal;
    // NOTE: without a start time, which the runner skips reading when nothing measures from
    // the start, elapsed times count from the first failure. Only a listener subscribed while
    // the first attempt ran can see the difference.
    this.#startedAt = startedAt ?? settings.clock.now();
    this.#attempt = options?.attempt ?? 1;
    if (this.#signal !== undefined) {
      this.#removeAbortCallback = onAbort(this.#signal, () => this.#onCallerAbort());
    }
  }

  /** Runs the first attempt and returns the execution's promise. */
  start(): Promise<T> {
    this.#runAttempt();
    return this.promise;
  }

  /** Continues after a first attempt that the runner started itself and that failed. */
  continueAfter(error: unknown): Promise<T> {
    this.#attempts = 1;
    this.#onRejected(error);
    return this.promise;
  }

  #runAttempt(): void {
    this.#attempts++;
    if (this.#events.has('attempt')) {
      this.#events.emit('attempt', { attempt: this.#attempt, elapsedMs: this.#elapsedMs() });
    }
    let pending: Promise<T>;
    try {
      // Inside the `try`: spreading the caller's options runs its getters, which may throw.
      const options =
        this.#attempts === 1 ? this.#options : { ...this.#options, attempt: this.#attempt };
      // `Promise.resolve` turns an inner runner's thenable, or a value, into one promise that
      // settles once.
      pending = Promise.resolve(this.#settings.runner.run(this.#operation, options));
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => this.#onFulfilled(value),
      (error: unknown) => this.#onRejected(error),
    );
  }

  #onFulfilled(value: T): void {
    if (this.#settled) {
      return;
    }
    const { shouldRetryResult } = this.#settings;
    try {
      if (shouldRetryResult !== undefined && shouldRetryResult(value, this.#attempt)) {
        this.#onFailure({ kind: 'result', result: value });
        return;
      }
    } catch (error) {
      this.#fail(error);
      return;
    }
    this.#succeed(value);
  }

  #onRejected(error: unknown): void {
    if (!this.#settled) {
      this.#onFailure({ kind: 'error', error });
    }
  }

  /** Decides what follows a failed attempt: a wait and another attempt, or giving up. */
  #onFailure(failure: AttemptFailure): void {
    const elapsedMs = this.#elapsedMs();
    if (this.#events.has('failure')) {
      this.#events.emit('failure', { attempt: this.#attempt, elapsedMs, failure });
    }
    let decision: number | GiveUpReason;
    try {
      decision = this.#decide(failure, elapsedMs);
    } catch (error) {
      this.#fail(error);
      return;
    }
    // A listener or a predicate may have aborted the caller's signal, which settled the call.
    if (this.#settled) {
      return;
    }
    if (typeof decision === 'string') {
      this.#giveUp(decision, failure, elapsedMs);
    } else {
      this.#wait(decision, failure, elapsedMs);
    }
  }

  /** Returns the delay before the next attempt, or the reason to give up. */
  #decide(failure: AttemptFailure, elapsedMs: number): number | GiveUpReason {
    if (failure.kind === 'error' && !this.#isRetryable(failure.error)) {
      return 'nonRetryable';
    }
    // Attempt numbers stop at the largest safe integer, which the inner runner still accepts.
    if (this.#attempts >= this.#settings.maxAttempts || this.#attempt >= Number.MAX_SAFE_INTEGER) {
      return 'maxAttempts';
    }
    const delayMs = this.#nextDelay(failure, elapsedMs);
    if (delayMs === undefined) {
      return 'backoffEnded';
    }
    if (elapsedMs + delayMs > this.#settings.maxElapsedMs) {
      return 'maxElapsed';
    }
    return delayMs;
  }

  #isRetryable(error: unknown): boolean {
    return !isNonRetryable(error) && this.#settings.shouldRetry(error, this.#attempt);
  }

  /** Draws the backoff's next delay, lets a server-given delay replace it, and caps it. */
  #nextDelay(failure: AttemptFailure, elapsedMs: number): number | undefined {
    this.#sequence ??= this.#settings.backoff.start();
    const backoffDelayMs = this.#sequence.next({ attempt: this.#attempts, elapsedMs });
    if (backoffDelayMs === undefined) {
      return undefined;
    }
    assertBackoffDelay(backoffDelayMs, failure);
    const serverDelayMs = this.#settings.retryAfter(failure);
    const delayMs = isDelay(serverDelayMs) ? serverDelayMs : backoffDelayMs;
    return Math.min(delayMs, this.#settings.maxDelayMs);
  }

  #wait(delayMs: number, failure: AttemptFailure, elapsedMs: number): void {
    if (this.#events.has('retry')) {
      this.#events.emit('retry', { attempt: this.#attempt, delayMs, elapsedMs, failure });
      if (this.#settled) {
        return;
      }
    }
    let waited: Promise<void>;
    try {
      waited = Promise.resolve(this.#settings.waiter.sleep(delayMs, this.#signal));
    } catch (error) {
      waited = Promise.reject(error);
    }
    waited.then(
      () => this.#onWaited(),
      (error: unknown) => this.#onWaitFailed(error),
    );
  }

  #onWaited(): void {
    if (!this.#settled) {
      this.#attempt++;
      this.#runAttempt();
    }
  }

  #onWaitFailed(error: unknown): void {
    if (!this.#settled) {
      this.#fail(error);
    }
  }

  /** Gives up when the caller's signal aborts. */
  #onCallerAbort(): void {
    if (!this.#settled) {
      const error: unknown = this.#signal?.reason;
      this.#giveUp('aborted', { kind: 'error', error }, this.#elapsedMs());
    }
  }

  #giveUp(reason: GiveUpReason, failure: AttemptFailure, elapsedMs: number): void {
    this.#finish();
    if (this.#events.has('giveUp')) {
      this.#events.emit('giveUp', {
        attempt: this.#attempt,
        attempts: this.#attempts,
        elapsedMs,
        reason,
        failure,
      });
    }
    if (reason === 'aborted') {
      this.#reject(this.#signal?.reason);
    } else if (failure.kind === 'result') {
      this.#resolve(failure.result as T);
    } else {
      this.#reject(failure.error);
    }
  }

  #succeed(value: T): void {
    this.#finish();
    if (this.#events.has('success')) {
      this.#events.emit('success', {
        attempt: this.#attempt,
        attempts: this.#attempts,
        elapsedMs: this.#elapsedMs(),
      });
    }
    this.#resolve(value);
  }

  #fail(error: unknown): void {
    this.#finish();
    this.#reject(error);
  }

  /** Marks the execution settled and removes the abort callback from the caller's signal. */
  #finish(): void {
    this.#settled = true;
    this.#removeAbortCallback?.();
  }

  #elapsedMs(): number {
    return this.#settings.clock.now() - this.#startedAt;
  }
}

function isDelay(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= Number.MAX_VALUE;
}

/** Throws a `RangeError` when a custom backoff returned a delay no timer accepts. */
function assertBackoffDelay(delayMs: unknown, failure: AttemptFailure): asserts delayMs is number {
  if (isDelay(delayMs) && delayMs <= MAX_TIMER_DELAY_MS) {
    return;
  }
  throw new RangeError(
    `RetryOperationRunner: the backoff returned ${describeValue(delayMs)}; a delay must be a ` +
      `number from 0 to ${MAX_TIMER_DELAY_MS} ms, or undefined to stop retrying.`,
    { cause: failure.kind === 'error' ? failure.error : undefined },
  );
}
