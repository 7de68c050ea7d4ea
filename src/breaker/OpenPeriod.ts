import type { Backoff, BackoffSequence } from '../backoff/Backoff.js';
import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';

/** The maximum number of delays drawn at once to catch up with a restored open count. */
const MAX_CATCH_UP = 1_000;

/**
 * The length of each open period: `openMs` every time, or, with a backoff, the backoff's n-th
 * delay for the n-th open in a row since the circuit last closed. When the backoff stops
 * (returns `undefined`), the last delay is kept.
 */
export class OpenPeriod {
  readonly #openMs: number;
  readonly #backoff: Backoff | undefined;
  #sequence: BackoffSequence | undefined;
  /** The number of delays drawn from the current sequence. */
  #drawn = 0;
  #streakStartedAt = 0;
  #lastMs: number;

  constructor(openMs: number, backoff: Backoff | undefined) {
    this.#openMs = openMs;
    this.#backoff = backoff;
    this.#lastMs = openMs;
  }

  /** Returns the length, in milliseconds, of the `openCount`-th open in a row, at `now`. */
  lengthOf(openCount: number, now: number): number {
    if (this.#backoff === undefined) {
      return this.#openMs;
    }
    if (this.#sequence === undefined || openCount <= this.#drawn) {
      this.#sequence = this.#backoff.start();
      this.#drawn = 0;
      this.#streakStartedAt = now;
      this.#lastMs = this.#openMs;
    }
    // A restored state can start mid-streak: draw the delays it skipped, up to a bound.
    const target = Math.min(openCount, this.#drawn + MAX_CATCH_UP);
    while (this.#drawn < target) {
      this.#drawn++;
      const elapsedMs = Math.max(0, now - this.#streakStartedAt);
      const delayMs = this.#sequence.next({ attempt: this.#drawn, elapsedMs });
      if (typeof delayMs === 'number' && !Number.isNaN(delayMs)) {
        this.#lastMs = Math.min(Math.max(delayMs, 0), MAX_TIMER_DELAY_MS);
      }
    }
    this.#drawn = openCount;
    return this.#lastMs;
  }
}
