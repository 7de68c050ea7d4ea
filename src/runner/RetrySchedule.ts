import type { Backoff, BackoffSequence } from '../backoff/Backoff.js';
import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';

/** A delay strategy: a backoff, or a function from the number of failed attempts to a delay. */
export type ReplayBackoff = Backoff | ((attempt: number) => number);

/** The delay used when a backoff stops (returns `undefined`) and gives no cap. */
const FALLBACK_DELAY_MS = 60_000;

/** The maximum number of delays drawn to bring a new sequence level with a stored count. */
const MAX_FAST_FORWARD = 1_000;

interface LaneSequence {
  readonly operationId: string | undefined;
  readonly sequence: BackoffSequence;
  readonly startedAt: number;
}

/**
 * The delays before the next replay of each failing key's head. A backoff object gets one
 * sequence per key, restarted when the head changes. After a restart of the process, a new
 * sequence is brought level with the stored attempt count by drawing that many delays.
 *
 * NOTE: after a restart, `elapsedMs` counts from the first failure seen by this process, so a
 * backoff limited by elapsed time starts its budget again.
 */
export class RetrySchedule {
  readonly #backoff: ReplayBackoff;
  readonly #lanes = new Map<string | undefined, LaneSequence>();

  constructor(backoff: ReplayBackoff) {
    this.#backoff = backoff;
  }

  /**
   * Returns the delay in milliseconds, from 0 to 2^31−1, after failed attempt number `attempt` of the
   * head of `key`, or `undefined` when the backoff stops.
   */
  delay(key: string | undefined, operationId: string | undefined, attempt: number, now: number) {
    const backoff = this.#backoff;
    if (typeof backoff === 'function') {
      return clampDelay(backoff(attempt));
    }
    const lane = this.#laneFor(key, operationId, attempt, now);
    const delay = lane.sequence.next({ attempt, elapsedMs: now - lane.startedAt });
    return delay === undefined ? undefined : clampDelay(delay);
  }

  /** The delay to use when the backoff stops but the operation stays. */
  get fallbackDelayMs(): number {
    const backoff = this.#backoff;
    return typeof backoff === 'function'
      ? FALLBACK_DELAY_MS
      : clampDelay(backoff.maxDelayMs ?? FALLBACK_DELAY_MS);
  }

  /** Forgets the sequence of `key`, whose head succeeded or left. */
  reset(key: string | undefined): void {
    this.#lanes.delete(key);
  }

  #laneFor(key: string | undefined, operationId: string | undefined, attempt: number, now: number) {
    const current = this.#lanes.get(key);
    if (current !== undefined && current.operationId === operationId) {
      return current;
    }
    const sequence = (this.#backoff as Backoff).start();
    for (let skipped = 1; skipped < Math.min(attempt, MAX_FAST_FORWARD); skipped++) {
      sequence.next({ attempt: skipped, elapsedMs: 0 });
    }
    const lane = { operationId, sequence, startedAt: now };
    this.#lanes.set(key, lane);
    return lane;
  }
}

/** Bounds a delay to what a timer accepts; a value that is not a number waits the longest. */
function clampDelay(delay: unknown): number {
  if (typeof delay !== 'number' || Number.isNaN(delay)) {
    return MAX_TIMER_DELAY_MS;
  }
  return Math.min(Math.max(delay, 0), MAX_TIMER_DELAY_MS);
}
