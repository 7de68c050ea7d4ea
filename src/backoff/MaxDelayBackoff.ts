import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import type { Backoff, BackoffSequence } from './Backoff.js';
import { assertBackoff } from './assertBackoff.js';
import { assertDelayOption } from './assertDelayOption.js';
import {
  isIndependentOfElapsedTime,
  markIndependentOfElapsedTime,
} from './elapsedTimeIndependence.js';

/** Options of {@link MaxDelayBackoff}. */
export interface MaxDelayBackoffOptions {
  /** The largest delay, in milliseconds, from 0 to 2^31−1. */
  readonly maxDelayMs: number;
}

/**
 * Caps the delays of another strategy: a longer delay is shortened to `maxDelayMs`.
 *
 * @example
 * new MaxDelayBackoff(new LinearBackoff({ incrementMs: 1_000 }), { maxDelayMs: 5_000 });
 */
export class MaxDelayBackoff implements Backoff {
  readonly maxDelayMs: number;
  readonly #backoff: Backoff;

  constructor(backoff: Backoff, options: MaxDelayBackoffOptions) {
    assertBackoff('MaxDelayBackoff', 'backoff', backoff);
    assertOptionsObject('MaxDelayBackoff', 'options', options);
    const maxDelayMs = (options as Partial<MaxDelayBackoffOptions> | undefined)?.maxDelayMs;
    assertDelayOption('MaxDelayBackoff', 'maxDelayMs', maxDelayMs);
    this.#backoff = backoff;
    this.maxDelayMs = Math.min(maxDelayMs, backoff.maxDelayMs ?? Infinity);
    if (isIndependentOfElapsedTime(backoff)) {
      markIndependentOfElapsedTime(this);
    }
  }

  start(): BackoffSequence {
    const sequence = this.#backoff.start();
    const { maxDelayMs } = this;
    return {
      next: (context) => {
        const delayMs = sequence.next(context);
        return delayMs === undefined ? undefined : Math.min(delayMs, maxDelayMs);
      },
    };
  }
}
