import type { RateLimitRejectionReason } from '../errors/RateLimitedError.js';

/** Events of a `RateLimitedOperationRunner`, by name. */
export interface RateLimitedOperationRunnerEvents {
  /** A call got no permit and was rejected with a `RateLimitedError`. */
  readonly rejected: {
    readonly reason: RateLimitRejectionReason;
    readonly key: string | undefined;
    readonly retryAfterMs: number;
    readonly operationId: string | undefined;
  };
  /** A call found no free permit and waits for one; `queuedCount` counts it, for its key. */
  readonly queued: {
    readonly key: string | undefined;
    readonly queuedCount: number;
    readonly operationId: string | undefined;
  };
  /** A call got a permit and its operation starts, after waiting `waitedMs` milliseconds. */
  readonly started: {
    readonly key: string | undefined;
    readonly waitedMs: number;
    readonly operationId: string | undefined;
  };
}
