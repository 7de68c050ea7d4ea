import type { Clock } from '../clock/Clock.js';
import type { TimeoutMode } from '../timeout/TimeoutMode.js';

/** Options of a `TimeoutOperationRunner`. */
export interface TimeoutOperationRunnerOptions {
  /**
   * The time an operation may take, in milliseconds, from 1 to 2^31−1.
   *
   * NOTE: the deadline timer is `unref`'d, so a process with nothing else pending, such as a
   * script awaiting an operation that has no open socket or timer, can exit before the deadline.
   */
  readonly timeoutMs: number;
  /**
   * The behaviour at the deadline. Both modes abort the operation's signal. `cooperative`
   * then waits for the operation to settle and rejects with an `OperationTimeoutError` if it
   * fails. `aggressive` rejects with the `OperationTimeoutError` at once.
   * @default 'cooperative'
   */
  readonly mode?: TimeoutMode | undefined;
  /** The source of time for deadlines. @default systemClock */
  readonly clock?: Clock | undefined;
}
