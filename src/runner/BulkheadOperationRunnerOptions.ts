import type { Clock } from '../clock/Clock.js';

/** Options of a `BulkheadOperationRunner`. */
export interface BulkheadOperationRunnerOptions {
  /** The number of operations that may run at once, from 1. */
  readonly maxConcurrent: number;
  /**
   * The number of calls that may wait for a slot, from 0 up to `Infinity`. A call that finds
   * every slot and queue place taken is rejected at once.
   * @default 0
   */
  readonly maxQueued?: number;
  /**
   * How long a call may wait in the queue, in milliseconds, from 0 up to `Infinity`, before it
   * is rejected.
   * @default Infinity
   */
  readonly maxQueueWaitMs?: number;
  /** The source of time for queue waits. @default systemClock */
  readonly clock?: Clock;
}
