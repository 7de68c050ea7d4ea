import { FaultToleranceError } from './FaultToleranceError.js';

/**
 * The reason a bulkhead rejected a call. `full`: every slot and queue place was taken.
 * `queue-timeout`: the call waited in the queue for `maxQueueWaitMs` without getting a slot.
 */
export type BulkheadRejectionReason = 'full' | 'queue-timeout';

/** Data carried by a {@link BulkheadRejectedError}. */
export interface BulkheadRejectedErrorDetails {
  readonly reason: BulkheadRejectionReason;
  /** The bulkhead's `maxConcurrent`. */
  readonly maxConcurrent: number;
  /** The bulkhead's `maxQueued`. */
  readonly maxQueued: number;
  /** How long the call waited in the queue, in milliseconds: 0 when the bulkhead was full. */
  readonly waitedMs: number;
  /** The operation's id, for named operations. */
  readonly operationId?: string | undefined;
}

const CODES = {
  full: 'ERR_BULKHEAD_FULL',
  'queue-timeout': 'ERR_BULKHEAD_QUEUE_TIMEOUT',
} as const satisfies Record<BulkheadRejectionReason, string>;

/**
 * Rejection of `BulkheadOperationRunner.run()` when the call did not get a slot. The operation
 * did not start. `code` is `ERR_BULKHEAD_FULL` when every slot and queue place was taken, and
 * `ERR_BULKHEAD_QUEUE_TIMEOUT` when the call waited `maxQueueWaitMs` in the queue.
 */
export class BulkheadRejectedError extends FaultToleranceError {
  override readonly name = 'BulkheadRejectedError';
  readonly code: (typeof CODES)[BulkheadRejectionReason];
  readonly reason: BulkheadRejectionReason;
  readonly maxConcurrent: number;
  readonly maxQueued: number;
  readonly waitedMs: number;
  readonly operationId: string | undefined;

  constructor(details: BulkheadRejectedErrorDetails) {
    super(describe(details));
    this.code = CODES[details.reason];
    this.reason = details.reason;
    this.maxConcurrent = details.maxConcurrent;
    this.maxQueued = details.maxQueued;
    this.waitedMs = details.waitedMs;
    this.operationId = details.operationId;
  }
}

function describe(details: BulkheadRejectedErrorDetails): string {
  if (details.reason === 'queue-timeout') {
    return (
      `The bulkhead rejected the call after it waited ${details.waitedMs} ms in the queue ` +
      `without getting a slot (maxConcurrent ${details.maxConcurrent}). The operation did not ` +
      'start; retry later or raise `maxQueueWaitMs`.'
    );
  }
  return (
    'The bulkhead rejected the call because every slot ' +
    `(maxConcurrent ${details.maxConcurrent}) and queue place (maxQueued ${details.maxQueued}) ` +
    'is taken. The operation did not start; retry later or raise `maxConcurrent` or `maxQueued`.'
  );
}
