/** The name of a circuit breaker's state. */
export type CircuitStateName = 'closed' | 'open' | 'halfOpen' | 'isolated';

/** Calls run, and their outcomes are counted by the strategy. */
export interface ClosedState {
  readonly name: 'closed';
}

/** Calls are rejected until `halfOpenAt`. */
export interface OpenState {
  readonly name: 'open';
  /** The number of times the circuit opened since it last closed, this time included. */
  readonly openCount: number;
  /** The length of this open period, in milliseconds. */
  readonly openMs: number;
  readonly openedAt: number;
  readonly halfOpenAt: number;
}

/**
 * A round of probes: up to `halfOpenMaxProbes` calls run, and the rest are rejected. The
 * counters change as probes start and settle.
 */
export interface HalfOpenState {
  readonly name: 'halfOpen';
  readonly openCount: number;
  readonly openMs: number;
  /** When a round whose probes have not decided gives way to a new round. */
  readonly roundEndsAt: number;
  probesRunning: number;
  successes: number;
}

/** Calls are rejected until `reset()` is called. */
export interface IsolatedState {
  readonly name: 'isolated';
}

/** The state of a circuit breaker, discriminated by `name`. */
export type CircuitState = ClosedState | OpenState | HalfOpenState | IsolatedState;

/** The names of the states, for validation. */
export const CIRCUIT_STATE_NAMES: readonly CircuitStateName[] = Object.freeze([
  'closed',
  'open',
  'halfOpen',
  'isolated',
]);
