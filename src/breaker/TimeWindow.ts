import type { Clock } from '../clock/Clock.js';
import type { FailureTracker } from './CircuitBreakerStrategy.js';
import { exceedsFailureRate, type FailureRateRule } from './assertFailureRate.js';

/**
 * The JSON form of a {@link TimeWindow}: each live bucket as its index (the time divided by
 * the bucket length, rounded down), its successes and its failures.
 */
export interface TimeWindowJson {
  readonly kind: 'time';
  readonly windowMs: number;
  readonly bucketCount: number;
  readonly buckets: readonly (readonly [index: number, successes: number, failures: number])[];
}

/** Settings of a {@link TimeWindow}. */
export interface TimeWindowRule extends FailureRateRule {
  readonly windowMs: number;
  readonly bucketCount: number;
}

/**
 * The outcomes of the calls of the last `windowMs`, counted in `bucketCount` buckets of
 * `windowMs / bucketCount` each. A time belongs to the bucket whose index is the time divided
 * by the bucket length, rounded down. The window contains the current bucket and the
 * `bucketCount − 1` before it. Buckets that fall out of the window are cleared when time
 * moves on, so an idle gap longer than the window empties it.
 */
export class TimeWindow implements FailureTracker {
  readonly #rule: TimeWindowRule;
  readonly #clock: Clock;
  readonly #bucketMs: number;
  readonly #successes: number[];
  readonly #failures: number[];
  /** The index of the newest bucket; `-Infinity` before the first call. */
  #newestIndex = -Infinity;
  #callTotal = 0;
  #failureTotal = 0;

  constructor(rule: TimeWindowRule, clock: Clock) {
    this.#rule = rule;
    this.#clock = clock;
    this.#bucketMs = rule.windowMs / rule.bucketCount;
    this.#successes = new Array<number>(rule.bucketCount).fill(0);
    this.#failures = new Array<number>(rule.bucketCount).fill(0);
  }

  /** The number of calls in the window now. */
  get calls(): number {
    this.#advance(this.#clock.now());
    return this.#callTotal;
  }

  /** The number of failed calls in the window now. */
  get failures(): number {
    this.#advance(this.#clock.now());
    return this.#failureTotal;
  }

  record(failed: boolean): boolean {
    const slot = this.#slotOf(this.#advance(this.#clock.now()));
    if (failed) {
      this.#failures[slot] = (this.#failures[slot] ?? 0) + 1;
      this.#failureTotal++;
    } else {
      this.#successes[slot] = (this.#successes[slot] ?? 0) + 1;
    }
    this.#callTotal++;
    return exceedsFailureRate(this.#rule, this.#callTotal, this.#failureTotal);
  }

  reset(): void {
    this.#successes.fill(0);
    this.#failures.fill(0);
    this.#newestIndex = -Infinity;
    this.#callTotal = 0;
    this.#failureTotal = 0;
  }

  toJSON(): TimeWindowJson {
    const { windowMs, bucketCount } = this.#rule;
    const newest = this.#advance(this.#clock.now());
    const buckets: [number, number, number][] = [];
    for (let index = newest - bucketCount + 1; index <= newest; index++) {
      const slot = this.#slotOf(index);
      const successes = this.#successes[slot] ?? 0;
      const failures = this.#failures[slot] ?? 0;
      if (successes + failures > 0) {
        buckets.push([index, successes, failures]);
      }
    }
    return { kind: 'time', windowMs, bucketCount, buckets };
  }

  /**
   * Restores the buckets of `saved` when it is the JSON of a time window with the same
   * `windowMs` and `bucketCount`; ignores anything else. Buckets that have left the window
   * since, or that lie ahead of the clock, are dropped.
   */
  restore(saved: unknown): void {
    const { kind, windowMs, bucketCount, buckets } = (saved ?? {}) as Partial<TimeWindowJson>;
    if (kind !== 'time' || windowMs !== this.#rule.windowMs) {
      return;
    }
    if (bucketCount !== this.#rule.bucketCount || !Array.isArray(buckets)) {
      return;
    }
    if (!buckets.every(isBucket)) {
      return;
    }
    const currentIndex = this.#indexOf(this.#clock.now());
    const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
    for (const [index, successes, failures] of sorted) {
      if (index > currentIndex) {
        break;
      }
      const slot = this.#slotOf(this.#advanceTo(index));
      this.#successes[slot] = (this.#successes[slot] ?? 0) + successes;
      this.#failures[slot] = (this.#failures[slot] ?? 0) + failures;
      this.#callTotal += successes + failures;
      this.#failureTotal += failures;
    }
    this.#advanceTo(currentIndex);
  }

  /** Moves the window to the bucket of `now`; see {@link TimeWindow.#advanceTo}. */
  #advance(now: number): number {
    return this.#advanceTo(this.#indexOf(now));
  }

  /**
   * Moves the window to the bucket `index`, clearing the buckets it leaves behind, and
   * returns the newest bucket's index. A clock that went back counts into the newest bucket.
   */
  #advanceTo(index: number): number {
    if (index <= this.#newestIndex) {
      return this.#newestIndex;
    }
    const bucketCount = this.#rule.bucketCount;
    const firstCleared = Math.max(this.#newestIndex + 1, index - bucketCount + 1);
    for (let cleared = firstCleared; cleared <= index; cleared++) {
      this.#clear(this.#slotOf(cleared));
    }
    this.#newestIndex = index;
    return index;
  }

  #clear(slot: number): void {
    const successes = this.#successes[slot] ?? 0;
    const failures = this.#failures[slot] ?? 0;
    this.#callTotal -= successes + failures;
    this.#failureTotal -= failures;
    this.#successes[slot] = 0;
    this.#failures[slot] = 0;
  }

  #indexOf(time: number): number {
    return Math.floor(time / this.#bucketMs);
  }

  #slotOf(index: number): number {
    const bucketCount = this.#rule.bucketCount;
    return ((index % bucketCount) + bucketCount) % bucketCount;
  }
}

function isBucket(value: unknown): value is readonly [number, number, number] {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    value.every((part) => Number.isSafeInteger(part)) &&
    (value[1] as number) >= 0 &&
    (value[2] as number) >= 0
  );
}
