import type { CircuitStateName } from '../breaker/CircuitState.js';
import type { CircuitRejectionState } from '../errors/CircuitOpenError.js';

/** Events of a `CircuitBreakerOperationRunner`, by name. */
export interface CircuitBreakerOperationRunnerEvents {
  /**
   * The circuit opened: calls are rejected until `halfOpenAt`. `openCount` counts the opens
   * since the circuit last closed, this one included.
   */
  readonly open: {
    readonly previous: CircuitStateName;
    readonly openCount: number;
    readonly openMs: number;
    readonly halfOpenAt: number;
  };
  /**
   * A round of probes started, after an open period or after a round whose probes did not
   * decide in time.
   */
  readonly halfOpen: { readonly previous: CircuitStateName; readonly openCount: number };
  /** The circuit closed, after enough probes succeeded or on `reset()`. */
  readonly close: { readonly previous: CircuitStateName };
  /** The circuit was isolated by hand with `isolate()`. */
  readonly isolated: { readonly previous: CircuitStateName };
  /** A call was rejected with a `CircuitOpenError` without running. */
  readonly rejected: {
    readonly state: CircuitRejectionState;
    readonly retryAfterMs: number | undefined;
    readonly operationId: string | undefined;
  };
  /**
   * A call resolved. `slow` is `true` when it took longer than `slowCallMs`, which counts as a
   * failure.
   */
  readonly success: { readonly slow: boolean; readonly operationId: string | undefined };
  /**
   * A call rejected. `counted` is `false` when the breaker did not count it as a failure: for
   * errors `shouldCountError` ignores, for the caller's abort, and for calls that started
   * before the circuit last changed state.
   */
  readonly failure: {
    readonly error: unknown;
    readonly counted: boolean;
    readonly operationId: string | undefined;
  };
}
