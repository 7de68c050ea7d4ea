import type { RateLimiter } from './RateLimiter.js';
import { assertTokenBucketOptions, type TokenBucketOptions } from './TokenBucketOptions.js';

/**
 * A token deficit this small counts as none. It absorbs the rounding of floating-point
 * refills, so that a timer set for the exact refill time finds the token there.
 */
const TOKEN_TOLERANCE = 1e-9;

/**
 * A token bucket. It starts full with `capacity` tokens; each start takes one, and tokens
 * flow back continuously at `refillPerSecond`, never above `capacity`. It allows bursts of
 * `capacity` starts, and `refillPerSecond` starts a second on average over long periods.
 *
 * @example
 * const bucket = new TokenBucketLimiter({ capacity: 10, refillPerSecond: 5 });
 */
export class TokenBucketLimiter implements RateLimiter {
  readonly #capacity: number;
  readonly #refillPerMs: number;
  #tokens: number;
  #updatedAt = -Infinity;

  constructor(options: TokenBucketOptions) {
    assertTokenBucketOptions('TokenBucketLimiter', 'options', options);
    this.#capacity = options.capacity;
    this.#refillPerMs = options.refillPerSecond / 1000;
    this.#tokens = options.capacity;
  }

  /** Returns the number of tokens in the bucket at `now`, from 0 to `capacity`. */
  availableTokens(now: number): number {
    this.#refill(now);
    return Math.max(0, this.#tokens);
  }

  delayUntilPermit(now: number, ahead: number): number {
    this.#refill(now);
    const deficit = ahead + 1 - this.#tokens;
    return deficit <= TOKEN_TOLERANCE ? 0 : deficit / this.#refillPerMs;
  }

  take(now: number): void {
    this.#refill(now);
    // Within the tolerance the count may dip just below 0; the next refill pays it back.
    this.#tokens -= 1;
  }

  delayUntilIdle(now: number): number {
    this.#refill(now);
    const deficit = this.#capacity - this.#tokens;
    return deficit <= TOKEN_TOLERANCE ? 0 : deficit / this.#refillPerMs;
  }

  /**
   * Adds the tokens that flowed in since the last update, up to `capacity`. A clock set back
   * adds none and refills from the new time on.
   */
  #refill(now: number): void {
    if (now === this.#updatedAt) {
      return;
    }
    if (now > this.#updatedAt && this.#updatedAt !== -Infinity) {
      const refilled = this.#tokens + (now - this.#updatedAt) * this.#refillPerMs;
      this.#tokens = Math.min(this.#capacity, refilled);
    }
    this.#updatedAt = now;
  }
}
