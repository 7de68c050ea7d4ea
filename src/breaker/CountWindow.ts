import type { FailureTracker } from './CircuitBreakerStrategy.js';
import { exceedsFailureRate, type FailureRateRule } from './assertFailureRate.js';

/** The JSON form of a {@link CountWindow}: outcomes from oldest to newest, 1 for a failure. */
export interface CountWindowJson {
  readonly kind: 'count';
  readonly outcomes: readonly (0 | 1)[];
}

/** Settings of a {@link CountWindow}. */
export interface CountWindowRule extends FailureRateRule {
  readonly windowSize: number;
}

/**
 * The outcomes of the last `windowSize` calls, in a ring buffer, with running counts so that
 * recording a call costs O(1).
 */
export class CountWindow implements FailureTracker {
  readonly #rule: CountWindowRule;
  readonly #outcomes: Uint8Array;
  /** The ring position the next outcome is written to. */
  #next = 0;
  #calls = 0;
  #failures = 0;

  constructor(rule: CountWindowRule) {
    this.#rule = rule;
    this.#outcomes = new Uint8Array(rule.windowSize);
  }

  /** The number of calls in the window. */
  get calls(): number {
    return this.#calls;
  }

  /** The number of failed calls in the window. */
  get failures(): number {
    return this.#failures;
  }

  record(failed: boolean): boolean {
    const size = this.#outcomes.length;
    if (this.#calls === size) {
      this.#failures -= this.#outcomes[this.#next] ?? 0;
    } else {
      this.#calls++;
    }
    const outcome = failed ? 1 : 0;
    this.#outcomes[this.#next] = outcome;
    this.#failures += outcome;
    this.#next = (this.#next + 1) % size;
    return exceedsFailureRate(this.#rule, this.#calls, this.#failures);
  }

  reset(): void {
    this.#outcomes.fill(0);
    this.#next = 0;
    this.#calls = 0;
    this.#failures = 0;
  }

  toJSON(): CountWindowJson {
    const size = this.#outcomes.length;
    const oldest = (this.#next - this.#calls + size) % size;
    const outcomes: (0 | 1)[] = [];
    for (let offset = 0; offset < this.#calls; offset++) {
      outcomes.push(this.#outcomes[(oldest + offset) % size] === 1 ? 1 : 0);
    }
    return { kind: 'count', outcomes };
  }

  /**
   * Replays the outcomes of `saved` when it is a count window's JSON, keeping the newest
   * `windowSize` of them; ignores anything else.
   */
  restore(saved: unknown): void {
    const { kind, outcomes } = (saved ?? {}) as Partial<CountWindowJson>;
    if (kind !== 'count' || !Array.isArray(outcomes)) {
      return;
    }
    if (!outcomes.every((outcome) => outcome === 0 || outcome === 1)) {
      return;
    }
    for (const outcome of outcomes.slice(-this.#outcomes.length)) {
      this.record(outcome === 1);
    }
  }
}
