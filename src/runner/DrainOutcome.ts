import type { Operation } from '../operation/Operation.js';

/** What one drain of a buffer did: the results in order, and the failure that stopped it. */
export interface DrainOutcome {
  readonly results: unknown[];
  readonly failure?: {
    /** The head operation that failed, or `undefined` when the buffer itself failed. */
    readonly operation: Operation | undefined;
    readonly error: unknown;
  };
}
