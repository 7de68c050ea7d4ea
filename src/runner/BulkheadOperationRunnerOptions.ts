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
  readonly maxQueued?: number | undefined;
  /**
   * How long a call may wait in the queue, in milliseconds, from 0 up to `Infinity`, before it
   * is rejected.
   *
   * NOTE: the timer is `unref`'d, so a process with nothing else pending can exit before the
   * wait runs out.
   * @default Infinity
   */
  readonly maxQueueWaitMs?: number | undefined;
  /** The source of time for queue waits. @default systemClock */
  readonly clock?: Clock | undefined;
}
