import type { Operation } from '../operation/Operation.js';

/** What one drain of a buffer did: the results in order, and the failure that stopped it. */
export interface DrainOutcome {
  readonly results: unknown[];
  readonly failure?: {
    /** The head operation that failed, or `undefined` when the buffer itself failed. */
    readonly operation: Operation | undefined;
    readonly error: unknown;
  };
  /**
   * Keys that a keyed drain skipped because their head failed or waits for its next attempt,
   * each with the failure or wait that blocks it.
   */
  readonly blockedKeys?: ReadonlyMap<string | undefined, unknown>;
  /** The earliest next-attempt time of a blocked key, in milliseconds since the epoch. */
  readonly nextAttemptAt?: number;
  /** Whether the drain stopped early because the runner is closing. */
  readonly stopped?: boolean;
}
