import type { BulkheadRejectionReason } from '../errors/BulkheadRejectedError.js';

/** Events of a `BulkheadOperationRunner`, by name. */
export interface BulkheadOperationRunnerEvents {
  /** A call got no slot and was rejected with a `BulkheadRejectedError`. */
  readonly rejected: {
    readonly reason: BulkheadRejectionReason;
    readonly activeCount: number;
    readonly queuedCount: number;
    readonly operationId: string | undefined;
  };
  /** A call found every slot taken and waits in the queue; `queuedCount` counts it. */
  readonly queued: {
    readonly activeCount: number;
    readonly queuedCount: number;
    readonly operationId: string | undefined;
  };
  /** A call got a slot and its operation starts, after waiting `waitedMs` in the queue. */
  readonly started: {
    readonly activeCount: number;
    readonly waitedMs: number;
    readonly operationId: string | undefined;
  };
}
