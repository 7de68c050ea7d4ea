import { assertBackoff } from '../backoff/assertBackoff.js';
import { assertSnapshot, type CircuitBreakerSnapshot } from '../breaker/CircuitBreakerSnapshot.js';
import type { CircuitBreakerStrategy } from '../breaker/CircuitBreakerStrategy.js';
import type { CircuitStateName } from '../breaker/CircuitState.js';
import { CircuitStateMachine, type CircuitRejection } from '../breaker/CircuitStateMachine.js';
import { ConsecutiveFailuresStrategy } from '../breaker/ConsecutiveFailuresStrategy.js';
import { OpenPeriod } from '../breaker/OpenPeriod.js';
import type { Clock } from '../clock/Clock.js';
import { systemClock } from '../clock/SystemClock.js';
import { assertClock } from '../clock/assertClock.js';
import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';
import { CircuitOpenError } from '../errors/CircuitOpenError.js';
import { EventEmitter } from '../events/EventEmitter.js';
import type { Operation } from '../operation/Operation.js';
import { assertOperation } from '../operation/assertOperation.js';
import { operationIdOf } from '../operation/operationIdOf.js';
import { withDefaults, type WithDefaults } from '../options/withDefaults.js';
import { assertFunction } from '../validation/assertFunction.js';
import { assertNumber } from '../validation/assertNumber.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import { describeValue } from '../validation/describeValue.js';
import { assertSignal } from '../waiter/assertSignal.js';
import type { CircuitBreakerOperationRunnerEvents } from './CircuitBreakerOperationRunnerEvents.js';
import type { CircuitBreakerOperationRunnerOptions } from './CircuitBreakerOperationRunnerOptions.js';
import type { OperationRunner } from './OperationRunner.js';
import type { RunOptions } from './RunOptions.js';
import { assertRunner } from './assertRunner.js';

const COMPONENT = 'CircuitBreakerOperationRunner';

const DEFAULTS = Object.freeze({
  openMs: 30_000,
  halfOpenMaxProbes: 1,
  halfOpenSuccessThreshold: 1,
  slowCallMs: Infinity,
  shouldCountError: (_error: unknown): boolean => true,
  clock: systemClock,
} satisfies CircuitBreakerOperationRunnerOptions);

/** The options with their defaults applied. */
type BreakerSettings = WithDefaults<typeof DEFAULTS, CircuitBreakerOperationRunnerOptions>;

/**
 * Stops calling a failing dependency for a while. While the circuit is closed, calls run and
 * the strategy counts their failures; when it decides, the circuit opens and calls are rejected
 * at once with a {@link CircuitOpenError} for `openMs`. Then it half-opens and admits
 * `halfOpenMaxProbes` probes: `halfOpenSuccessThreshold` successes close it, one failure opens
 * it again, for longer with `openBackoff`. `isolate()` keeps it open until `reset()`. The
 * state can be saved with `toJSON()` and restored with `initialState`.
 *
 * NOTE: a probe that never settles keeps its place until its round ends, one open period after
 * it started; put a `TimeoutOperationRunner` inside the breaker to bound it.
 *
 * @example
 * const breaker = new CircuitBreakerOperationRunner(new SimpleOperationRunner(), {
 *   strategy: new ConsecutiveFailuresStrategy({ failureThreshold: 5 }),
 *   openMs: 10_000,
 * });
 * await breaker.run(new Callback(() => client.get('/health')));
 */
export class CircuitBreakerOperationRunner implements OperationRunner {
  /** Typed events: `open`, `halfOpen`, `close`, `isolated`, `rejected`, `success`, `failure`. */
  readonly events = new EventEmitter<CircuitBreakerOperationRunnerEvents>();
  readonly #runner: OperationRunner;
  readonly #clock: Clock;
  readonly #slowCallMs: number;
  readonly #shouldCountError: (error: unknown) => boolean;
  readonly #machine: CircuitStateMachine;

  constructor(runner: OperationRunner, options: CircuitBreakerOperationRunnerOptions = {}) {
    assertRunner(COMPONENT, 'runner', runner);
    assertOptionsObject(COMPONENT, 'options', options);
    const settings: BreakerSettings = withDefaults(DEFAULTS, options);
    const strategy = settings.strategy ?? new ConsecutiveFailuresStrategy();
    assertSettings(settings, strategy);
    this.#runner = runner;
    this.#clock = settings.clock;
    this.#slowCallMs = settings.slowCallMs;
    this.#shouldCountError = settings.shouldCountError;
    const tracker = strategy.createTracker(settings.clock, settings.initialState?.counts);
    this.#machine = new CircuitStateMachine(
      {
        clock: settings.clock,
        tracker,
        openPeriod: new OpenPeriod(settings.openMs, settings.openBackoff),
        halfOpenMaxProbes: settings.halfOpenMaxProbes,
        halfOpenSuccessThreshold: settings.halfOpenSuccessThreshold,
        events: this.events,
      },
      settings.initialState,
    );
  }

  /**
   * The name of the current state. Reading it moves an open circuit whose open period has
   * ended to half-open, as the next call would.
   */
  get state(): CircuitStateName {
    return this.#machine.state.name;
  }

  /**
   * Runs `operation` through the inner runner if the circuit admits it, and counts the outcome.
   * Rejects at once with a {@link CircuitOpenError} when the circuit is open or isolated, or
   * half-open with every probe place taken, and with the signal's reason when the caller's
   * signal is already aborted.
   */
  run<T>(operation: Operation<T>, options?: RunOptions): Promise<T> {
    try {
      assertOperation(`${COMPONENT}.run`, 'operation', operation);
      if (options !== undefined) {
        assertOptionsObject(`${COMPONENT}.run`, 'options', options);
        assertSignal(`${COMPONENT}.run`, 'signal', options.signal);
        if (options.signal?.aborted === true) {
          return Promise.reject(options.signal.reason);
        }
      }
    } catch (error) {
      return Promise.reject(error);
    }
    const epoch = this.#machine.admit();
    if (typeof epoch !== 'number') {
      return Promise.reject(this.#reject(epoch, operation));
    }
    const startedAt = this.#slowCallMs === Infinity ? 0 : this.#clock.now();
    return this.#runInner(operation, options).then(
      (value) => {
        this.#onSuccess(epoch, startedAt, operation);
        return value;
      },
      (error: unknown) => {
        throw this.#onFailure(epoch, error, operation, options?.signal);
      },
    );
  }

  /** Opens the circuit until {@link CircuitBreakerOperationRunner.reset} is called. */
  isolate(): void {
    this.#machine.isolate();
  }

  /** Closes the circuit and clears its failure counts, from any state. */
  reset(): void {
    this.#machine.reset();
  }

  /** Returns the state as JSON-compatible data, to restore with the `initialState` option. */
  toJSON(): CircuitBreakerSnapshot {
    return this.#machine.toJSON();
  }

  #runInner<T>(operation: Operation<T>, options: RunOptions | undefined): Promise<T> {
    try {
      return Promise.resolve(this.#runner.run(operation, options));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #reject(rejection: CircuitRejection, operation: Operation): CircuitOpenError {
    const operationId = operationIdOf(operation);
    const { state, retryAfterMs } = rejection;
    this.events.emit('rejected', { state, retryAfterMs, operationId });
    return new CircuitOpenError({ ...rejection, operationId });
  }

  #onSuccess(epoch: number, startedAt: number, operation: Operation): void {
    const slow = this.#slowCallMs !== Infinity && this.#clock.now() - startedAt > this.#slowCallMs;
    if (slow) {
      this.#machine.recordFailure(epoch);
    } else {
      this.#machine.recordSuccess(epoch);
    }
    if (this.events.has('success')) {
      this.events.emit('success', { slow, operationId: operationIdOf(operation) });
    }
  }

  /**
   * Counts a failed call and returns the error to reject with: the call's own, or the error
   * `shouldCountError` threw, after counting the call as a failure.
   */
  #onFailure(
    epoch: number,
    error: unknown,
    operation: Operation,
    signal: AbortSignal | undefined,
  ): unknown {
    let counted = false;
    let rejectWith = error;
    if (signal?.aborted === true && error === signal.reason) {
      this.#machine.release(epoch);
    } else {
      let countsAsFailure = true;
      try {
        countsAsFailure = this.#shouldCountError(error);
      } catch (predicateError) {
        rejectWith = predicateError;
      }
      counted = countsAsFailure && this.#machine.recordFailure(epoch);
      if (!countsAsFailure) {
        this.#machine.recordSuccess(epoch);
      }
    }
    if (this.events.has('failure')) {
      this.events.emit('failure', { error, counted, operationId: operationIdOf(operation) });
    }
    return rejectWith;
  }
}

function assertSettings(settings: BreakerSettings, strategy: CircuitBreakerStrategy): void {
  assertStrategy(strategy);
  assertNumber(COMPONENT, 'openMs', settings.openMs, { min: 0, max: MAX_TIMER_DELAY_MS });
  if (settings.openBackoff !== undefined) {
    assertBackoff(COMPONENT, 'openBackoff', settings.openBackoff);
  }
  assertNumber(COMPONENT, 'halfOpenMaxProbes', settings.halfOpenMaxProbes, {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    integer: true,
  });
  assertNumber(COMPONENT, 'halfOpenSuccessThreshold', settings.halfOpenSuccessThreshold, {
    min: 1,
    max: settings.halfOpenMaxProbes,
    integer: true,
  });
  assertNumber(COMPONENT, 'slowCallMs', settings.slowCallMs, { min: 0, max: Infinity });
  assertFunction(COMPONENT, 'shouldCountError', settings.shouldCountError);
  assertClock(COMPONENT, 'clock', settings.clock);
  if (settings.initialState !== undefined) {
    assertSnapshot(COMPONENT, 'initialState', settings.initialState);
  }
}

function assertStrategy(strategy: unknown): asserts strategy is CircuitBreakerStrategy {
  const createTracker = (strategy as { createTracker?: unknown } | null)?.createTracker;
  if (typeof strategy !== 'object' || strategy === null || typeof createTracker !== 'function') {
    throw new TypeError(
      `${COMPONENT}: \`strategy\` must be a circuit breaker strategy (an object with a ` +
        '`createTracker` method, such as `new ConsecutiveFailuresStrategy()`), ' +
        `received ${describeValue(strategy)}.`,
    );
  }
}
