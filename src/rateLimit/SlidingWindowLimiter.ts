import type { RateLimiter } from './RateLimiter.js';
import { assertSlidingWindowOptions, type SlidingWindowOptions } from './SlidingWindowOptions.js';

/**
 * A strict sliding window: at most `maxStarts` starts in any span of `windowMs` milliseconds,
 * wherever that span begins. It keeps the times of the last `maxStarts` starts in a ring, and
 * allows a start only when the oldest of them is at least `windowMs` old. Memory grows with
 * the starts seen, up to `maxStarts` times.
 *
 * @example
 * const window = new SlidingWindowLimiter({ maxStarts: 100, windowMs: 60_000 });
 */
export class SlidingWindowLimiter implements RateLimiter {
  readonly #maxStarts: number;
  readonly #windowMs: number;
  /** Start times, in start order from `#oldest` round the ring once it contains `#maxStarts`. */
  readonly #starts: number[] = [];
  #oldest = 0;
  #latestNow = -Infinity;

  constructor(options: SlidingWindowOptions) {
    assertSlidingWindowOptions('SlidingWindowLimiter', 'options', options);
    this.#maxStarts = options.maxStarts;
    this.#windowMs = options.windowMs;
  }

  delayUntilPermit(now: number, ahead: number): number {
    this.#advance(now);
    // Slot j of the ring (oldest first, unused slots first of all) frees at its start plus
    // one window. The call with `ahead` calls before it takes slot ahead % maxStarts once the
    // calls before it took that slot in earlier rounds, one window apart.
    const slot = ahead % this.#maxStarts;
    const rounds = Math.floor(ahead / this.#maxStarts);
    const unused = this.#maxStarts - this.#starts.length;
    const start =
      slot < unused
        ? -Infinity
        : (this.#starts[(this.#oldest + slot - unused) % this.#starts.length] ?? -Infinity);
    const freesAt = Math.max(now, start + this.#windowMs) + rounds * this.#windowMs;
    return freesAt - now;
  }

  take(now: number): void {
    this.#advance(now);
    if (this.#starts.length < this.#maxStarts) {
      this.#starts.push(now);
      return;
    }
    this.#starts[this.#oldest] = now;
    this.#oldest = (this.#oldest + 1) % this.#maxStarts;
  }

  delayUntilIdle(now: number): number {
    this.#advance(now);
    if (this.#starts.length === 0) {
      return 0;
    }
    const newestIndex = (this.#oldest + this.#starts.length - 1) % this.#starts.length;
    const newest = this.#starts[newestIndex] ?? -Infinity;
    return Math.max(0, newest + this.#windowMs - now);
  }

  /**
   * Records `now` as the latest time. When the clock was set back, moves every recorded start
   * later than `now` to `now`, so the ring stays in start order and no start leaves early.
   */
  #advance(now: number): void {
    if (now < this.#latestNow) {
      for (let index = 0; index < this.#starts.length; index++) {
        this.#starts[index] = Math.min(this.#starts[index] ?? now, now);
      }
    }
    this.#latestNow = now;
  }
}
