import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import { withDefaults } from '../options/withDefaults.js';
import type { Backoff, BackoffSequence } from './Backoff.js';
import { assertDelayOption, assertNotAboveCap } from './assertDelayOption.js';
import { markIndependentOfElapsedTime } from './elapsedTimeIndependence.js';

/** Options of {@link LinearBackoff}. */
export interface LinearBackoffOptions {
  /** The delay before the first retry, in milliseconds. @default 100 */
  readonly initialDelayMs?: number | undefined;
  /** How much each delay grows over the previous one, in milliseconds. @default 100 */
  readonly incrementMs?: number | undefined;
  /** The largest delay, in milliseconds, at least `initialDelayMs`. @default 30_000 */
  readonly maxDelayMs?: number | undefined;
}

const DEFAULTS = Object.freeze({
  initialDelayMs: 100,
  incrementMs: 100,
  maxDelayMs: 30_000,
} satisfies LinearBackoffOptions);

/**
 * Grows the delay by a fixed increment on each retry, up to a cap.
 *
 * @example
 * new LinearBackoff({ initialDelayMs: 100, incrementMs: 50 }); // 100, 150, 200, 250, …
 */
export class LinearBackoff implements Backoff {
  readonly maxDelayMs: number;
  readonly #initialDelayMs: number;
  readonly #incrementMs: number;

  constructor(options: LinearBackoffOptions = {}) {
    assertOptionsObject('LinearBackoff', 'options', options);
    const settings = withDefaults(DEFAULTS, options);
    assertDelayOption('LinearBackoff', 'initialDelayMs', settings.initialDelayMs);
    assertDelayOption('LinearBackoff', 'incrementMs', settings.incrementMs);
    assertDelayOption('LinearBackoff', 'maxDelayMs', settings.maxDelayMs);
    assertNotAboveCap(
      'LinearBackoff',
      'initialDelayMs',
      settings.initialDelayMs,
      settings.maxDelayMs,
    );
    this.#initialDelayMs = settings.initialDelayMs;
    this.#incrementMs = settings.incrementMs;
    this.maxDelayMs = settings.maxDelayMs;
    markIndependentOfElapsedTime(this);
  }

  start(): BackoffSequence {
    const incrementMs = this.#incrementMs;
    const maxDelayMs = this.maxDelayMs;
    let delayMs = this.#initialDelayMs;
    return {
      next: () => {
        const current = delayMs;
        // Comparing before adding keeps the delay at the cap however many retries there are.
        delayMs = maxDelayMs - delayMs <= incrementMs ? maxDelayMs : delayMs + incrementMs;
        return current;
      },
    };
  }
}
