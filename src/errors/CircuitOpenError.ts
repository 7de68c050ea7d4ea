import { FaultToleranceError } from './FaultToleranceError.js';

/** The circuit states in which a call is rejected. */
export type CircuitRejectionState = 'open' | 'halfOpen' | 'isolated';

/** Data carried by a {@link CircuitOpenError}. */
export interface CircuitOpenErrorDetails {
  /**
   * `open` during an open period, `halfOpen` when every probe place is taken, and `isolated`
   * when the circuit was isolated by hand.
   */
  readonly state: CircuitRejectionState;
  /**
   * When the circuit admits calls again, on the breaker's clock: the end of the open period,
   * or of the current probe round; `undefined` while isolated.
   */
  readonly halfOpenAt: number | undefined;
  /** Milliseconds from the rejection to `halfOpenAt`; `undefined` while isolated. */
  readonly retryAfterMs: number | undefined;
  /** The operation's id, for named operations. */
  readonly operationId?: string | undefined;
}

/**
 * Rejection of `CircuitBreakerOperationRunner.run()` when the circuit did not admit the call.
 * The operation did not start. Retry after `retryAfterMs`.
 */
export class CircuitOpenError extends FaultToleranceError {
  override readonly name = 'CircuitOpenError';
  readonly code = 'ERR_CIRCUIT_OPEN';
  readonly state: CircuitRejectionState;
  readonly halfOpenAt: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly operationId: string | undefined;

  constructor(details: CircuitOpenErrorDetails) {
    super(describe(details));
    this.state = details.state;
    this.halfOpenAt = details.halfOpenAt;
    this.retryAfterMs = details.retryAfterMs;
    this.operationId = details.operationId;
  }
}

function describe(details: CircuitOpenErrorDetails): string {
  const retry = `retry after ${details.retryAfterMs ?? 0} ms`;
  switch (details.state) {
    case 'open':
      return `The circuit is open, so the operation did not start; ${retry}.`;
    case 'halfOpen':
      return (
        'The circuit is half-open and every probe place is taken, so the operation did not ' +
        `start; ${retry}.`
      );
    case 'isolated':
      return (
        'The circuit is isolated, so the operation did not start. It stays open until ' +
        '`reset()` is called.'
      );
  }
}
