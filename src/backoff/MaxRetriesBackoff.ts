import { assertNumber } from '../validation/assertNumber.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import type { Backoff, BackoffSequence } from './Backoff.js';
import { assertBackoff } from './assertBackoff.js';
import {
  isIndependentOfElapsedTime,
  markIndependentOfElapsedTime,
} from './elapsedTimeIndependence.js';

/** Options of {@link MaxRetriesBackoff}. */
export interface MaxRetriesBackoffOptions {
  /** How many delays the sequence gives before it stops, a whole number from 0 up. */
  readonly maxRetries: number;
}

/**
 * Stops another strategy after a number of retries. The retry runner's `maxAttempts` is the
 * usual limit; this decorator gives a strategy its own limit where one is shared.
 *
 * @example
 * new MaxRetriesBackoff(new ConstantBackoff({ delayMs: 200 }), { maxRetries: 5 });
 */
export class MaxRetriesBackoff implements Backoff {
  readonly maxDelayMs: number | undefined;
  readonly #backoff: Backoff;
  readonly #maxRetries: number;

  constructor(backoff: Backoff, options: MaxRetriesBackoffOptions) {
    assertBackoff('MaxRetriesBackoff', 'backoff', backoff);
    assertOptionsObject('MaxRetriesBackoff', 'options', options);
    const maxRetries = (options as Partial<MaxRetriesBackoffOptions> | undefined)?.maxRetries;
    assertNumber('MaxRetriesBackoff', 'maxRetries', maxRetries, {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      integer: true,
    });
    this.#backoff = backoff;
    this.#maxRetries = maxRetries;
    this.maxDelayMs = backoff.maxDelayMs;
    if (isIndependentOfElapsedTime(backoff)) {
      markIndependentOfElapsedTime(this);
    }
  }

  start(): BackoffSequence {
    const sequence = this.#backoff.start();
    const maxRetries = this.#maxRetries;
    let retries = 0;
    return {
      next: (context) => {
        if (retries >= maxRetries) {
          return undefined;
        }
        retries++;
        return sequence.next(context);
      },
    };
  }
}
