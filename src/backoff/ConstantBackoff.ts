import { withDefaults } from '../options/withDefaults.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import type { Backoff, BackoffSequence } from './Backoff.js';
import { assertDelayOption } from './assertDelayOption.js';
import { markIndependentOfElapsedTime } from './elapsedTimeIndependence.js';

/** Options of {@link ConstantBackoff}. */
export interface ConstantBackoffOptions {
  /** The delay before every retry, in milliseconds, from 0 to 2^31−1. @default 100 */
  readonly delayMs?: number | undefined;
}

const DEFAULTS = Object.freeze({ delayMs: 100 } satisfies ConstantBackoffOptions);

/**
 * Waits the same delay before every retry. It never stops by itself: the retry runner's
 * `maxAttempts`, or a {@link MaxRetriesBackoff} around it, ends the retries.
 *
 * @example
 * new ConstantBackoff({ delayMs: 500 }); // 500, 500, 500, …
 */
export class ConstantBackoff implements Backoff {
  readonly maxDelayMs: number;

  constructor(options: ConstantBackoffOptions = {}) {
    assertOptionsObject('ConstantBackoff', 'options', options);
    const { delayMs } = withDefaults(DEFAULTS, options);
    assertDelayOption('ConstantBackoff', 'delayMs', delayMs);
    this.maxDelayMs = delayMs;
    markIndependentOfElapsedTime(this);
  }

  start(): BackoffSequence {
    const delayMs = this.maxDelayMs;
    return { next: () => delayMs };
  }
}
