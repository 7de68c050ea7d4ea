import { assertNumber } from '../validation/assertNumber.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import type { Backoff, BackoffSequence } from './Backoff.js';
import { assertBackoff } from './assertBackoff.js';

/** Options of {@link MaxElapsedBackoff}. */
export interface MaxElapsedBackoffOptions {
  /**
   * The time budget of one execution, in milliseconds from its first attempt: no wait may
   * end after it. A number from 0 up.
   */
  readonly maxElapsedMs: number;
}

/**
 * Stops another strategy when the next wait would end after the time budget. It does not
 * shorten an attempt that is running; put a timeout runner inside the retry runner for that.
 *
 * @example
 * new MaxElapsedBackoff(new ExponentialBackoff(), { maxElapsedMs: 60_000 });
 */
export class MaxElapsedBackoff implements Backoff {
  readonly maxDelayMs: number | undefined;
  readonly #backoff: Backoff;
  readonly #maxElapsedMs: number;

  constructor(backoff: Backoff, options: MaxElapsedBackoffOptions) {
    assertBackoff('MaxElapsedBackoff', 'backoff', backoff);
    assertOptionsObject('MaxElapsedBackoff', 'options', options);
    const maxElapsedMs = (options as Partial<MaxElapsedBackoffOptions> | undefined)?.maxElapsedMs;
    assertNumber('MaxElapsedBackoff', 'maxElapsedMs', maxElapsedMs, {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
    });
    this.#backoff = backoff;
    this.#maxElapsedMs = maxElapsedMs;
    this.maxDelayMs = backoff.maxDelayMs;
  }

  start(): BackoffSequence {
    const sequence = this.#backoff.start();
    const maxElapsedMs = this.#maxElapsedMs;
    return {
      next: (context) => {
        const delayMs = sequence.next(context);
        if (delayMs === undefined || context.elapsedMs + delayMs > maxElapsedMs) {
          return undefined;
        }
        return delayMs;
      },
    };
  }
}
