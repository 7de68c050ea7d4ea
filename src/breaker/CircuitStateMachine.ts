import type { Clock } from '../clock/Clock.js';
import type { CircuitRejectionState } from '../errors/CircuitOpenError.js';
import type { EventEmitter } from '../events/EventEmitter.js';
import type { CircuitBreakerOperationRunnerEvents } from '../runner/CircuitBreakerOperationRunnerEvents.js';
import type { CircuitBreakerSnapshot } from './CircuitBreakerSnapshot.js';
import type { FailureTracker } from './CircuitBreakerStrategy.js';
import type { CircuitState, HalfOpenState, OpenState } from './CircuitState.js';
import type { OpenPeriod } from './OpenPeriod.js';

/** The settings and collaborators of a {@link CircuitStateMachine}. */
export interface CircuitStateMachineSettings {
  readonly clock: Clock;
  readonly tracker: FailureTracker;
  readonly openPeriod: OpenPeriod;
  readonly halfOpenMaxProbes: number;
  readonly halfOpenSuccessThreshold: number;
  readonly events: EventEmitter<CircuitBreakerOperationRunnerEvents>;
}

/** The reason a call was not admitted, and the time the circuit admits calls again. */
export interface CircuitRejection {
  readonly state: CircuitRejectionState;
  readonly halfOpenAt: number | undefined;
  readonly retryAfterMs: number | undefined;
}

const CLOSED: CircuitState = Object.freeze({ name: 'closed' });
const ISOLATED: CircuitState = Object.freeze({ name: 'isolated' });

/**
 * The states of a circuit breaker and the transitions between them. Each transition starts a
 * new epoch. A call is admitted with the current epoch and reports its outcome with it. An
 * outcome from an earlier epoch is ignored, so a slow call that started while the circuit was
 * closed cannot close or open it after it has opened and half-opened since.
 *
 * The open period ends by the clock, without a timer: the first call or state read after
 * `halfOpenAt` moves the circuit to half-open. So no timer can be lost, and none keeps the
 * process alive.
 */
export class CircuitStateMachine {
  readonly #settings: CircuitStateMachineSettings;
  #state: CircuitState;
  #epoch = 0;

  constructor(settings: CircuitStateMachineSettings, snapshot?: CircuitBreakerSnapshot) {
    this.#settings = settings;
    this.#state = snapshot === undefined ? CLOSED : restoreState(snapshot, settings.clock.now());
  }

  /** The current state, moved to half-open first if the open period has ended. */
  get state(): Readonly<CircuitState> {
    const state = this.#state;
    if (state.name === 'open') {
      this.#endOpenPeriodIfDue(state, this.#settings.clock.now());
    }
    return this.#state;
  }

  /**
   * Admits a call and returns the epoch it must report its outcome with, or returns why the
   * call is rejected. A call admitted while half-open takes a probe place.
   */
  admit(): number | CircuitRejection {
    const state = this.#state;
    if (state.name === 'closed') {
      return this.#epoch;
    }
    if (state.name === 'isolated') {
      return { state: 'isolated', halfOpenAt: undefined, retryAfterMs: undefined };
    }
    const now = this.#settings.clock.now();
    if (state.name === 'open') {
      this.#endOpenPeriodIfDue(state, now);
      const current = this.#state;
      if (current.name === 'open') {
        return rejection('open', current.halfOpenAt, now);
      }
    }
    return this.#admitProbe(now);
  }

  /**
   * Records a success of a call admitted in `epoch`; returns `false`, and changes nothing,
   * when the circuit has changed state since.
   */
  recordSuccess(epoch: number): boolean {
    const state = this.#state;
    if (epoch !== this.#epoch) {
      return false;
    }
    if (state.name === 'closed') {
      if (this.#settings.tracker.record(false)) {
        this.#toOpen(this.#settings.clock.now(), 1);
      }
    } else if (state.name === 'halfOpen') {
      state.probesRunning--;
      state.successes++;
      if (state.successes >= this.#settings.halfOpenSuccessThreshold) {
        this.#toClosed();
      }
    }
    return true;
  }

  /**
   * Records a failure of a call admitted in `epoch`; returns `false`, and changes nothing,
   * when the circuit has changed state since.
   */
  recordFailure(epoch: number): boolean {
    const state = this.#state;
    if (epoch !== this.#epoch) {
      return false;
    }
    if (state.name === 'closed') {
      if (this.#settings.tracker.record(true)) {
        this.#toOpen(this.#settings.clock.now(), 1);
      }
    } else if (state.name === 'halfOpen') {
      this.#toOpen(this.#settings.clock.now(), state.openCount + 1);
    }
    return true;
  }

  /** Gives back the probe place of a call admitted in `epoch` whose outcome does not count. */
  release(epoch: number): void {
    const state = this.#state;
    if (epoch === this.#epoch && state.name === 'halfOpen') {
      state.probesRunning--;
    }
  }

  /** Opens the circuit until {@link CircuitStateMachine.reset} is called. */
  isolate(): void {
    if (this.#state.name !== 'isolated') {
      this.#toIsolated();
    }
  }

  /** Closes the circuit and clears the failure counts, from any state. */
  reset(): void {
    this.#toClosed();
  }

  toJSON(): CircuitBreakerSnapshot {
    const state = this.#state;
    const counts = this.#settings.tracker.toJSON();
    switch (state.name) {
      case 'closed':
      case 'isolated':
        return { state: state.name, openCount: 0, counts };
      case 'open': {
        const { openCount, openMs, openedAt, halfOpenAt } = state;
        return { state: 'open', openCount, openMs, openedAt, halfOpenAt, counts };
      }
      case 'halfOpen':
        return { state: 'halfOpen', openCount: state.openCount, openMs: state.openMs, counts };
    }
  }

  /**
   * Moves an open circuit to half-open once its open period has ended. When the clock was set
   * back to before the circuit opened, the open period starts again from now, so that it still
   * ends at most one open period later rather than when the clock catches up.
   */
  #endOpenPeriodIfDue(state: OpenState, now: number): void {
    if (now >= state.halfOpenAt) {
      this.#toHalfOpen(now, state.openCount, state.openMs);
    } else if (now < state.openedAt) {
      const halfOpenAt = Math.min(state.halfOpenAt, now + state.openMs);
      this.#state = { ...state, openedAt: now, halfOpenAt };
    }
  }

  #admitProbe(now: number): number | CircuitRejection {
    let state = this.#state as HalfOpenState;
    if (state.probesRunning + state.successes >= this.#settings.halfOpenMaxProbes) {
      if (now < state.roundEndsAt) {
        return rejection('halfOpen', state.roundEndsAt, now);
      }
      // The probes of this round have not decided in time, so they may hang: start a new
      // round, whose epoch makes their late outcomes count for nothing.
      this.#toHalfOpen(now, state.openCount, state.openMs);
      state = this.#state as HalfOpenState;
    }
    state.probesRunning++;
    return this.#epoch;
  }

  #toOpen(now: number, openCount: number): void {
    const openMs = this.#settings.openPeriod.lengthOf(openCount, now);
    const halfOpenAt = now + openMs;
    this.#settings.tracker.reset();
    const previous = this.#enter({ name: 'open', openCount, openMs, openedAt: now, halfOpenAt });
    this.#settings.events.emit('open', { previous, openCount, openMs, halfOpenAt });
  }

  #toHalfOpen(now: number, openCount: number, openMs: number): void {
    // A round lasts as long as the open period, and at least 1 ms so that an open period of
    // 0 still admits only `halfOpenMaxProbes` probes at a time.
    const roundEndsAt = now + Math.max(openMs, 1);
    const previous = this.#enter({
      name: 'halfOpen',
      openCount,
      openMs,
      roundEndsAt,
      probesRunning: 0,
      successes: 0,
    });
    this.#settings.events.emit('halfOpen', { previous, openCount });
  }

  #toClosed(): void {
    this.#settings.tracker.reset();
    const previous = this.#enter(CLOSED);
    if (previous !== 'closed') {
      this.#settings.events.emit('close', { previous });
    }
  }

  #toIsolated(): void {
    const previous = this.#enter(ISOLATED);
    this.#settings.events.emit('isolated', { previous });
  }

  /** Replaces the state, starts a new epoch, and returns the previous state's name. */
  #enter(state: CircuitState): CircuitState['name'] {
    const previous = this.#state.name;
    this.#state = state;
    this.#epoch++;
    return previous;
  }
}

function rejection(state: 'open' | 'halfOpen', halfOpenAt: number, now: number): CircuitRejection {
  return { state, halfOpenAt, retryAfterMs: halfOpenAt - now };
}

/**
 * Rebuilds a state from a snapshot. A restored open period ends at most one full period from
 * now, even if the snapshot came from a clock that ran ahead. A half-open circuit starts a new
 * round of probes, because the old probes ran in another process.
 */
function restoreState(snapshot: CircuitBreakerSnapshot, now: number): CircuitState {
  const { openCount } = snapshot;
  const openMs = snapshot.openMs ?? 0;
  switch (snapshot.state) {
    case 'closed':
      return CLOSED;
    case 'isolated':
      return ISOLATED;
    case 'open': {
      const openedAt = snapshot.openedAt ?? now;
      const halfOpenAt = Math.min(snapshot.halfOpenAt ?? now, now + openMs);
      return { name: 'open', openCount, openMs, openedAt, halfOpenAt };
    }
    case 'halfOpen':
      return {
        name: 'halfOpen',
        openCount,
        openMs,
        roundEndsAt: now + Math.max(openMs, 1),
        probesRunning: 0,
        successes: 0,
      };
  }
}
