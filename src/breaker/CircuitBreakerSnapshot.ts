import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';
import { assertNumber } from '../validation/assertNumber.js';
import { describeValue } from '../validation/describeValue.js';
import { CIRCUIT_STATE_NAMES, type CircuitStateName } from './CircuitState.js';

/**
 * The state of a circuit breaker as JSON-compatible data, from
 * `CircuitBreakerOperationRunner.toJSON()`, to restore with the `initialState` option. Times
 * are on the breaker's clock: milliseconds since the Unix epoch for the system clock.
 */
export interface CircuitBreakerSnapshot {
  readonly state: CircuitStateName;
  /** The number of times the circuit opened since it last closed. */
  readonly openCount: number;
  /** The length of the last open period, in milliseconds; for `open` and `halfOpen`. */
  readonly openMs?: number | undefined;
  /** When the circuit opened; for `open`. */
  readonly openedAt?: number | undefined;
  /** When the open period ends; for `open`. */
  readonly halfOpenAt?: number | undefined;
  /** The strategy's failure counts, from `FailureTracker.toJSON()`. */
  readonly counts?: unknown;
}

const TIME = { min: 0, max: Number.MAX_SAFE_INTEGER };

/**
 * Throws a `TypeError` or `RangeError` naming the component and the field unless `value` is a
 * {@link CircuitBreakerSnapshot} with the fields its state needs.
 */
export function assertSnapshot(
  component: string,
  option: string,
  value: unknown,
): asserts value is CircuitBreakerSnapshot {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(
      `${component}: \`${option}\` must be an object from \`toJSON()\`, ` +
        `received ${describeValue(value)}.`,
    );
  }
  const snapshot = value as Partial<CircuitBreakerSnapshot>;
  if (!CIRCUIT_STATE_NAMES.includes(snapshot.state as CircuitStateName)) {
    throw new TypeError(
      `${component}: \`${option}.state\` must be one of ${CIRCUIT_STATE_NAMES.join(', ')}, ` +
        `received ${describeValue(snapshot.state)}.`,
    );
  }
  const opened = snapshot.state === 'open' || snapshot.state === 'halfOpen';
  assertNumber(component, `${option}.openCount`, snapshot.openCount, {
    min: opened ? 1 : 0,
    max: Number.MAX_SAFE_INTEGER,
    integer: true,
  });
  if (opened) {
    assertNumber(component, `${option}.openMs`, snapshot.openMs, {
      min: 0,
      max: MAX_TIMER_DELAY_MS,
    });
  }
  if (snapshot.state === 'open') {
    assertNumber(component, `${option}.openedAt`, snapshot.openedAt, TIME);
    assertNumber(component, `${option}.halfOpenAt`, snapshot.halfOpenAt, TIME);
  }
}
