import type { Clock } from '../clock/Clock.js';
import type { Operation } from '../operation/Operation.js';
import type { SlidingWindowOptions } from '../rateLimit/SlidingWindowOptions.js';
import type { TokenBucketOptions } from '../rateLimit/TokenBucketOptions.js';
import type { RunOptions } from './RunOptions.js';

/**
 * Options of a `RateLimitedOperationRunner`. Give exactly one of `tokenBucket` and
 * `slidingWindow`.
 */
export interface RateLimitedOperationRunnerOptions {
  /**
   * Limits starts with a token bucket: bursts of up to `capacity` starts, then
   * `refillPerSecond` starts a second.
   *
   * @example { capacity: 10, refillPerSecond: 5 }
   */
  readonly tokenBucket?: TokenBucketOptions | undefined;
  /**
   * Limits starts with a strict sliding window: at most `maxStarts` starts in any span of
   * `windowMs` milliseconds.
   *
   * @example { maxStarts: 100, windowMs: 60_000 }
   */
  readonly slidingWindow?: SlidingWindowOptions | undefined;
  /**
   * How long a call may wait for a permit, in milliseconds, from 0 up to `Infinity`. With 0 a
   * call that finds no free permit is rejected at once. Above 0, calls wait in first-in,
   * first-out order, and a call whose wait would exceed `maxWaitMs` is rejected at once.
   * @default 0
   */
  readonly maxWaitMs?: number | undefined;
  /**
   * Returns the key of a call, such as a tenant id, so that each key gets its own limit.
   * When absent, one limit covers every call.
   *
   * @example (operation) => (operation as TenantOperation).tenantId
   */
  readonly keyOf?: ((operation: Operation, options: RunOptions | undefined) => string) | undefined;
  /**
   * The number of keys whose limits are kept, from 1. A new key replaces the least recently
   * used one when that key is idle; while it is not, calls with a new key are rejected.
   * @default 10_000
   */
  readonly maxKeys?: number | undefined;
  /** The source of time for permits and waits. @default systemClock */
  readonly clock?: Clock | undefined;
}
