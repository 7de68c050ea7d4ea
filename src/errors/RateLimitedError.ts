import { FaultToleranceError } from './FaultToleranceError.js';

/**
 * The reason a rate limiter rejected a call. `limit-reached`: no permit was free and the
 * runner does not wait. `max-wait-exceeded`: the wait for a permit would exceed `maxWaitMs`.
 * `too-many-keys`: the limiter already tracks `maxKeys` keys, all in use.
 */
export type RateLimitRejectionReason = 'limit-reached' | 'max-wait-exceeded' | 'too-many-keys';

/** Data carried by a {@link RateLimitedError}. */
export interface RateLimitedErrorDetails {
  readonly reason: RateLimitRejectionReason;
  /**
   * The time, in whole milliseconds, after which a call with the same key may get a permit,
   * if no other call takes it first. For `too-many-keys` it is an estimate of when the least
   * recently used key becomes idle and makes room.
   */
  readonly retryAfterMs: number;
  /** The rate-limit key of the call, or `undefined` when the runner has a single limit. */
  readonly key?: string | undefined;
  /** The operation's id, for named operations. */
  readonly operationId?: string | undefined;
}

/**
 * Rejection of `RateLimitedOperationRunner.run()` when the call did not get a permit. The
 * operation did not start. `retryAfterMs` is the time to wait before trying again.
 */
export class RateLimitedError extends FaultToleranceError {
  override readonly name = 'RateLimitedError';
  readonly code = 'ERR_RATE_LIMITED';
  readonly reason: RateLimitRejectionReason;
  readonly retryAfterMs: number;
  readonly key: string | undefined;
  readonly operationId: string | undefined;

  constructor(details: RateLimitedErrorDetails) {
    super(describe(details));
    this.reason = details.reason;
    this.retryAfterMs = details.retryAfterMs;
    this.key = details.key;
    this.operationId = details.operationId;
  }
}

function describe(details: RateLimitedErrorDetails): string {
  const retry = `The operation did not start; retry after ${details.retryAfterMs} ms`;
  switch (details.reason) {
    case 'limit-reached':
      return `The rate limit is reached. ${retry}.`;
    case 'max-wait-exceeded':
      return `The wait for a rate-limit permit would exceed \`maxWaitMs\`. ${retry}.`;
    case 'too-many-keys':
      return (
        'The rate limiter already tracks `maxKeys` keys, all in use, so it cannot track a new ' +
        `key. ${retry}, or raise \`maxKeys\`.`
      );
  }
}
