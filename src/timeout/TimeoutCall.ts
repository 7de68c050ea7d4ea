import { OperationTimeoutError } from '../errors/OperationTimeoutError.js';
import type { EventEmitter } from '../events/EventEmitter.js';
import type { OperationContext } from '../operation/OperationContext.js';
import type { TimeoutOperationRunnerEvents } from '../runner/TimeoutOperationRunnerEvents.js';
import { onAbort } from '../signal/onAbort.js';
import type { Deadline, DeadlineQueue } from './DeadlineQueue.js';
import type { TimeoutMode } from './TimeoutMode.js';

/** The settings and state that every call of one timeout runner shares. */
export interface TimeoutSettings {
  readonly timeoutMs: number;
  readonly mode: TimeoutMode;
  readonly events: EventEmitter<TimeoutOperationRunnerEvents>;
  readonly deadlines: DeadlineQueue;
}

/**
 * One call of a timeout runner: the promise returned to the caller, its deadline, and the
 * operation's abort signal. The signal is created only when the operation (or an inner runner)
 * reads it, because creating an `AbortSignal` costs far more than the rest of a call.
 */
export class TimeoutCall<T> implements Deadline {
  deadline: number;
  previous: Deadline | undefined;
  next: Deadline | undefined;
  queueState: Deadline['queueState'] = 'idle';
  readonly attempt: number;
  readonly #settings: TimeoutSettings;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #operationId: string | undefined;
  #removeAbortCallback: (() => void) | undefined;
  /** Settle the caller's promise when the deadline or the caller's abort can settle it first. */
  #resolve: ((value: T) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;
  #controller: AbortController | undefined;
  #settled = false;
  #timedOut = false;
  /** The abort reason of the operation's signal, once the deadline passed or the caller aborted. */
  #abortReason: unknown;
  #aborted = false;

  constructor(
    settings: TimeoutSettings,
    deadline: number,
    callerSignal: AbortSignal | undefined,
    attempt: number,
    operationId: string | undefined,
  ) {
    this.#settings = settings;
    this.deadline = deadline;
    this.#callerSignal = callerSignal;
    this.attempt = attempt;
    this.#operationId = operationId;
  }

  /** The context for the operation, whose signal is created on first read. */
  get context(): OperationContext {
    return new TimeoutCallContext(this);
  }

  /** The operation's abort signal, aborted at the deadline or when the caller aborts. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) {
        this.#controller.abort(this.#abortReason);
      }
    }
    return this.#controller.signal;
  }

  /**
   * Returns the promise for the caller, settled by `outcome` unless the deadline or the
   * caller's abort settles it first. Every path observes `outcome`, so that a late rejection
   * is never unhandled.
   */
  watch(outcome: Promise<T>): Promise<T> {
    if (this.#settings.mode === 'cooperative' && this.#callerSignal === undefined) {
      // Only the operation can settle this call, so its promise is chained directly.
      const chained = outcome.then(
        (value) => this.#succeed(value),
        (error: unknown) => {
          throw this.#failure(error);
        },
      );
      this.#settings.deadlines.schedule(this);
      return chained;
    }
    if (this.#callerSignal !== undefined) {
      this.#removeAbortCallback = onAbort(this.#callerSignal, () => this.#onCallerAbort());
    }
    const promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    outcome.then(
      (value) => this.#resolveWith(value),
      (error: unknown) => this.#rejectWith(error),
    );
    this.#settings.deadlines.schedule(this);
    if (this.#callerSignal?.aborted === true) {
      // The caller aborted while the operation ran synchronously, before the callback existed.
      this.#onCallerAbort();
    }
    return promise;
  }

  /** Rejects with the caller's abort reason, which the operation's signal also receives. */
  #onCallerAbort(): void {
    if (this.#settled) {
      return;
    }
    const reason: unknown = this.#callerSignal?.reason;
    this.#abort(reason);
    this.#settle();
    this.#emitFailure(reason);
    this.#reject?.(reason);
  }

  /** Aborts the operation's signal at the deadline; in `aggressive` mode, also rejects. */
  expire(): void {
    if (this.#settled) {
      return;
    }
    const { timeoutMs, mode, events } = this.#settings;
    const error = new OperationTimeoutError({ timeoutMs, mode, operationId: this.#operationId });
    this.#timedOut = true;
    if (mode === 'aggressive') {
      // Settled first, so that a caller's abort from an abort or `timeout` listener cannot
      // settle the call a second time.
      this.#settle();
    }
    this.#abort(error);
    events.emit('timeout', { timeoutMs, mode, operationId: this.#operationId });
    if (mode === 'aggressive') {
      this.#emitFailure(error);
      this.#reject?.(error);
    }
  }

  #resolveWith(value: T): void {
    if (!this.#settled) {
      this.#resolve?.(this.#succeed(value));
    }
  }

  #rejectWith(cause: unknown): void {
    if (!this.#settled) {
      this.#reject?.(this.#failure(cause));
    }
  }

  /** Settles the call after the operation succeeded and returns the value to resolve with. */
  #succeed(value: T): T {
    this.#settle();
    const { events } = this.#settings;
    if (events.has('success')) {
      events.emit('success', { afterDeadline: this.#timedOut, operationId: this.#operationId });
    }
    return value;
  }

  /** Settles the call after the operation failed and returns the error to reject with. */
  #failure(cause: unknown): unknown {
    this.#settle();
    const error = this.#timedOut ? this.#timeoutErrorFor(cause) : cause;
    this.#emitFailure(error);
    return error;
  }

  /** The error of a cooperative call that failed after its deadline, carrying the failure. */
  #timeoutErrorFor(cause: unknown): unknown {
    if (cause === this.#abortReason) {
      return cause;
    }
    const { timeoutMs, mode } = this.#settings;
    return new OperationTimeoutError({ timeoutMs, mode, operationId: this.#operationId, cause });
  }

  #abort(reason: unknown): void {
    this.#aborted = true;
    this.#abortReason = reason;
    this.#controller?.abort(reason);
  }

  /** Marks the call settled and releases its deadline and its callback on the caller's signal. */
  #settle(): void {
    this.#settled = true;
    this.#settings.deadlines.remove(this);
    this.#removeAbortCallback?.();
  }

  #emitFailure(error: unknown): void {
    const { events } = this.#settings;
    if (events.has('failure')) {
      events.emit('failure', { error, operationId: this.#operationId });
    }
  }
}

/**
 * The context an operation receives from a timeout runner that runs it directly. It reads the
 * signal from the call on demand, and keeps the call's other members out of the operation's
 * reach.
 */
class TimeoutCallContext implements OperationContext {
  readonly attempt: number;
  readonly #call: OperationContext;

  constructor(call: OperationContext) {
    this.#call = call;
    this.attempt = call.attempt;
  }

  get signal(): AbortSignal {
    return this.#call.signal;
  }
}
