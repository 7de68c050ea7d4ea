import type { RateLimiter } from './RateLimiter.js';
import { SlidingWindowLimiter } from './SlidingWindowLimiter.js';
import { assertSlidingWindowOptions, type SlidingWindowOptions } from './SlidingWindowOptions.js';
import { TokenBucketLimiter } from './TokenBucketLimiter.js';
import { assertTokenBucketOptions, type TokenBucketOptions } from './TokenBucketOptions.js';

/** The options that choose a rate limit: exactly one of the two is given. */
export interface RateLimitChoice {
  readonly tokenBucket?: TokenBucketOptions | undefined;
  readonly slidingWindow?: SlidingWindowOptions | undefined;
}

/**
 * Validates `options` and returns a function that makes a new, independent limiter of the
 * chosen kind, one per key. Throws a `TypeError` naming the component unless exactly one of
 * `tokenBucket` and `slidingWindow` is given, and a `TypeError` or `RangeError` for an invalid
 * value inside it.
 */
export function createRateLimiterFactory(
  component: string,
  options: RateLimitChoice,
): () => RateLimiter {
  const { tokenBucket, slidingWindow } = options;
  if ((tokenBucket === undefined) === (slidingWindow === undefined)) {
    throw new TypeError(
      `${component}: give exactly one of \`tokenBucket\` (such as { capacity: 10, ` +
        'refillPerSecond: 5 }) and `slidingWindow` (such as { maxStarts: 100, windowMs: ' +
        `60_000 }), received ${tokenBucket === undefined ? 'neither' : 'both'}.`,
    );
  }
  if (tokenBucket !== undefined) {
    assertTokenBucketOptions(component, 'tokenBucket', tokenBucket);
    const settings = {
      capacity: tokenBucket.capacity,
      refillPerSecond: tokenBucket.refillPerSecond,
    };
    return () => new TokenBucketLimiter(settings);
  }
  assertSlidingWindowOptions(component, 'slidingWindow', slidingWindow);
  const settings = { maxStarts: slidingWindow.maxStarts, windowMs: slidingWindow.windowMs };
  return () => new SlidingWindowLimiter(settings);
}
