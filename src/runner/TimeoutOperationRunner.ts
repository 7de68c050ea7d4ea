import type { Clock } from '../clock/Clock.js';
import { systemClock } from '../clock/SystemClock.js';
import { assertClock } from '../clock/assertClock.js';
import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';
import { EventEmitter } from '../events/EventEmitter.js';
import type { Operation } from '../operation/Operation.js';
import { assertOperation } from '../operation/assertOperation.js';
import { operationIdOf } from '../operation/operationIdOf.js';
import { withDefaults } from '../options/withDefaults.js';
import { DeadlineQueue } from '../timeout/DeadlineQueue.js';
import { TimeoutCall, type TimeoutSettings } from '../timeout/TimeoutCall.js';
import type { TimeoutMode } from '../timeout/TimeoutMode.js';
import { assertNumber } from '../validation/assertNumber.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import { describeValue } from '../validation/describeValue.js';
import { assertSignal } from '../waiter/assertSignal.js';
import type { OperationRunner } from './OperationRunner.js';
import type { RunOptions } from './RunOptions.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';
import type { TimeoutOperationRunnerEvents } from './TimeoutOperationRunnerEvents.js';
import type { TimeoutOperationRunnerOptions } from './TimeoutOperationRunnerOptions.js';
import { assertRunner } from './assertRunner.js';

const COMPONENT = 'TimeoutOperationRunner';
const MODES: readonly TimeoutMode[] = ['cooperative', 'aggressive'];

const DEFAULTS = Object.freeze({
  mode: 'cooperative',
  clock: systemClock,
} satisfies Omit<TimeoutOperationRunnerOptions, 'timeoutMs'>);

/**
 * Limits the time an operation may take. At the deadline the operation's signal is aborted
 * with an {@link OperationTimeoutError} as its reason; in `cooperative` mode the runner then
 * waits for the operation to settle, and in `aggressive` mode it rejects at once. A caller's
 * abort rejects at once with the signal's reason, never with a timeout. Pending deadlines
 * share one `unref`'d timer, which is cleared when the last call settles.
 *
 * NOTE: in `cooperative` mode an operation that ignores its signal keeps the call pending
 * until it settles, however long after the deadline that is.
 *
 * @example
 * const runner = new TimeoutOperationRunner(new SimpleOperationRunner(), { timeoutMs: 2_000 });
 * await runner.run(new Callback(({ signal }) => fetch(url, { signal })));
 */
export class TimeoutOperationRunner implements OperationRunner {
  /** Typed events: `timeout`, `success` and `failure`. */
  readonly events = new EventEmitter<TimeoutOperationRunnerEvents>();
  readonly #runner: OperationRunner;
  readonly #clock: Clock;
  readonly #settings: TimeoutSettings;
  /** Whether the inner runner only runs the operation, so that this runner may do it. */
  readonly #runsOperationItself: boolean;

  constructor(runner: OperationRunner, options: TimeoutOperationRunnerOptions) {
    assertRunner(COMPONENT, 'runner', runner);
    assertRequiredOptions(options);
    const settings = withDefaults(DEFAULTS, options);
    assertNumber(COMPONENT, 'timeoutMs', settings.timeoutMs, { min: 1, max: MAX_TIMER_DELAY_MS });
    assertMode(settings.mode);
    assertClock(COMPONENT, 'clock', settings.clock);
    this.#runner = runner;
    this.#clock = settings.clock;
    this.#settings = {
      timeoutMs: settings.timeoutMs,
      mode: settings.mode,
      events: this.events,
      deadlines: new DeadlineQueue(settings.clock),
    };
    this.#runsOperationItself = isPlainSimpleRunner(runner);
  }

  /** The time limit of each call, in milliseconds. */
  get timeoutMs(): number {
    return this.#settings.timeoutMs;
  }

  /** The behaviour at the deadline: `cooperative` or `aggressive`. */
  get mode(): TimeoutMode {
    return this.#settings.mode;
  }

  /**
   * Runs `operation` through the inner runner within `timeoutMs`. Rejects with an
   * {@link OperationTimeoutError} when the deadline passes (in `cooperative` mode, only if the
   * operation then fails), and with the signal's reason when the caller aborts.
   */
  run<T>(operation: Operation<T>, options?: RunOptions): Promise<T> {
    try {
      assertOperation(`${COMPONENT}.run`, 'operation', operation);
      const signal = signalOf(options);
      if (signal?.aborted === true) {
        return Promise.reject(signal.reason);
      }
      const attempt = attemptOf(options);
      const deadline = this.#clock.now() + this.#settings.timeoutMs;
      const operationId = operationIdOf(operation);
      const call = new TimeoutCall<T>(this.#settings, deadline, signal, attempt, operationId);
      return call.watch(this.#start(operation, call, options));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #start<T>(operation: Operation<T>, call: TimeoutCall<T>, options?: RunOptions): Promise<T> {
    if (!this.#runsOperationItself) {
      const inner = this.#runner.run(operation, { signal: call.signal, attempt: options?.attempt });
      return Promise.resolve(inner);
    }
    // The operation's signal is created only if it reads it. Apart from that, this branch does
    // what SimpleOperationRunner does.
    try {
      return Promise.resolve(operation.execute(call.context));
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

function assertRequiredOptions(options: unknown): void {
  assertOptionsObject(COMPONENT, 'options', options);
  if (options === undefined) {
    throw new TypeError(
      `${COMPONENT}: \`options\` must be an object with \`timeoutMs\`, received undefined.`,
    );
  }
}

function assertMode(mode: unknown): asserts mode is TimeoutMode {
  if (!MODES.includes(mode as TimeoutMode)) {
    throw new TypeError(
      `${COMPONENT}: \`mode\` must be "cooperative" or "aggressive", ` +
        `received ${describeValue(mode)}.`,
    );
  }
}

function signalOf(options: RunOptions | undefined): AbortSignal | undefined {
  if (options === undefined) {
    return undefined;
  }
  assertOptionsObject(`${COMPONENT}.run`, 'options', options);
  assertSignal(`${COMPONENT}.run`, 'signal', options.signal);
  return options.signal;
}

function attemptOf(options: RunOptions | undefined): number {
  const attempt = options?.attempt ?? 1;
  assertNumber(`${COMPONENT}.run`, 'attempt', attempt, {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    integer: true,
  });
  return attempt;
}

/**
 * Tells whether `runner` is a SimpleOperationRunner whose `run` is not overridden. Creating an
 * `AbortSignal` costs about 2 µs on Node.js 20, some forty times an empty async call, so
 * running such an operation directly, with a signal created on first read, keeps the success
 * path cheap.
 */
function isPlainSimpleRunner(runner: OperationRunner): boolean {
  return (
    runner instanceof SimpleOperationRunner && runner.run === SimpleOperationRunner.prototype.run
  );
}
