import type { Backoff } from './Backoff.js';

/** Built-in strategies whose delays never depend on `BackoffContext.elapsedMs`. */
const independentOfElapsedTime = new WeakSet<Backoff>();

/**
 * Records that `backoff` ignores `elapsedMs`, so that a retry runner may skip reading the
 * clock when an execution starts. Only the built-in strategies are recorded; any other backoff
 * always receives the exact elapsed time.
 */
export function markIndependentOfElapsedTime(backoff: Backoff): void {
  independentOfElapsedTime.add(backoff);
}

/** Tells whether `backoff` was recorded as ignoring `elapsedMs`. */
export function isIndependentOfElapsedTime(backoff: Backoff): boolean {
  return independentOfElapsedTime.has(backoff);
}
