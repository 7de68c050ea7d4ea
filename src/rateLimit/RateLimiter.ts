/**
 * The state of one rate limit, which decides when calls may start. Every method takes the
 * current time from the caller's clock, in milliseconds. When the clock is set back, the
 * limiter treats the starts it recorded as made at the new time, so the limit never loosens
 * and no wait grows by the size of the jump.
 */
export interface RateLimiter {
  /**
   * Returns the milliseconds from `now` until a permit is free for a call that has `ahead`
   * calls before it, when each of them takes its permit as soon as one is free. Returns 0 when
   * `ahead` is 0 and a permit is free now.
   */
  delayUntilPermit(now: number, ahead: number): number;
  /** Takes one permit at `now`. Call it only when `delayUntilPermit(now, 0)` returned 0. */
  take(now: number): void;
  /**
   * Returns the milliseconds from `now` until the limiter is back in its initial state, with
   * every permit free, so that forgetting it would not loosen the limit. Returns 0 when idle.
   */
  delayUntilIdle(now: number): number;
}
