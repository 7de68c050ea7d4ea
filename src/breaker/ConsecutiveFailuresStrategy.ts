import type { Clock } from '../clock/Clock.js';
import { withDefaults } from '../options/withDefaults.js';
import { assertNumber } from '../validation/assertNumber.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import type { CircuitBreakerStrategy, FailureTracker } from './CircuitBreakerStrategy.js';

/** Options of {@link ConsecutiveFailuresStrategy}. */
export interface ConsecutiveFailuresStrategyOptions {
  /** The number of failures in a row that opens the circuit, from 1. @default 5 */
  readonly failureThreshold?: number | undefined;
}

const COMPONENT = 'ConsecutiveFailuresStrategy';

const DEFAULTS = Object.freeze({
  failureThreshold: 5,
} satisfies ConsecutiveFailuresStrategyOptions);

/**
 * Opens the circuit after `failureThreshold` failures in a row; any success starts the count
 * again.
 *
 * @example
 * new ConsecutiveFailuresStrategy({ failureThreshold: 3 });
 */
export class ConsecutiveFailuresStrategy implements CircuitBreakerStrategy {
  readonly failureThreshold: number;

  constructor(options: ConsecutiveFailuresStrategyOptions = {}) {
    assertOptionsObject(COMPONENT, 'options', options);
    const settings = withDefaults(DEFAULTS, options);
    assertNumber(COMPONENT, 'failureThreshold', settings.failureThreshold, {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
      integer: true,
    });
    this.failureThreshold = settings.failureThreshold;
  }

  createTracker(_clock: Clock, saved?: unknown): FailureTracker {
    const tracker = new ConsecutiveFailures(this.failureThreshold);
    tracker.restore(saved);
    return tracker;
  }
}

/** The JSON form of a {@link ConsecutiveFailures} tracker. */
interface ConsecutiveFailuresJson {
  readonly kind: 'consecutive';
  readonly failures: number;
}

class ConsecutiveFailures implements FailureTracker {
  readonly #failureThreshold: number;
  #failures = 0;

  constructor(failureThreshold: number) {
    this.#failureThreshold = failureThreshold;
  }

  record(failed: boolean): boolean {
    this.#failures = failed ? this.#failures + 1 : 0;
    return this.#failures >= this.#failureThreshold;
  }

  reset(): void {
    this.#failures = 0;
  }

  toJSON(): ConsecutiveFailuresJson {
    return { kind: 'consecutive', failures: this.#failures };
  }

  restore(saved: unknown): void {
    const { kind, failures } = (saved ?? {}) as Partial<ConsecutiveFailuresJson>;
    if (
      kind === 'consecutive' &&
      typeof failures === 'number' &&
      Number.isInteger(failures) &&
      failures >= 0 &&
      failures < this.#failureThreshold
    ) {
      this.#failures = failures;
    }
  }
}
