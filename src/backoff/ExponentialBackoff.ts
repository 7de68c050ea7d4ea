import { assertNumber } from '../validation/assertNumber.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import { withDefaults } from '../options/withDefaults.js';
import type { Backoff, BackoffSequence } from './Backoff.js';
import { assertDelayOption, assertNotAboveCap } from './assertDelayOption.js';
import { markIndependentOfElapsedTime } from './elapsedTimeIndependence.js';

/** Options of {@link ExponentialBackoff}. */
export interface ExponentialBackoffOptions {
  /** The delay before the first retry, in milliseconds. @default 100 */
  readonly initialDelayMs?: number | undefined;
  /** The multiplier from one delay to the next, from 1 up. @default 2 */
  readonly factor?: number | undefined;
  /** The largest delay, in milliseconds, at least `initialDelayMs`. @default 30_000 */
  readonly maxDelayMs?: number | undefined;
}

const DEFAULTS = Object.freeze({
  initialDelayMs: 100,
  factor: 2,
  maxDelayMs: 30_000,
} satisfies ExponentialBackoffOptions);

/**
 * Multiplies the delay by `factor` on each retry, up to a cap. Wrap it in a
 * {@link JitterBackoff} so that clients that failed together do not retry together.
 *
 * @example
 * new ExponentialBackoff({ initialDelayMs: 100, factor: 2, maxDelayMs: 1_000 });
 * // 100, 200, 400, 800, 1000, 1000, …
 */
export class ExponentialBackoff implements Backoff {
  readonly maxDelayMs: number;
  readonly #initialDelayMs: number;
  readonly #factor: number;

  constructor(options: ExponentialBackoffOptions = {}) {
    assertOptionsObject('ExponentialBackoff', 'options', options);
    const settings = withDefaults(DEFAULTS, options);
    assertDelayOption('ExponentialBackoff', 'initialDelayMs', settings.initialDelayMs);
    assertNumber('ExponentialBackoff', 'factor', settings.factor, {
      min: 1,
      max: Number.MAX_VALUE,
    });
    assertDelayOption('ExponentialBackoff', 'maxDelayMs', settings.maxDelayMs);
    assertNotAboveCap(
      'ExponentialBackoff',
      'initialDelayMs',
      settings.initialDelayMs,
      settings.maxDelayMs,
    );
    this.#initialDelayMs = settings.initialDelayMs;
    this.#factor = settings.factor;
    this.maxDelayMs = settings.maxDelayMs;
    markIndependentOfElapsedTime(this);
  }

  start(): BackoffSequence {
    const factor = this.#factor;
    const maxDelayMs = this.maxDelayMs;
    let delayMs = this.#initialDelayMs;
    return {
      next: () => {
        const current = delayMs;
        // Comparing before multiplying means the product never exceeds the cap, so it can
        // neither overflow to Infinity nor lose precision, however many retries there are.
        delayMs = delayMs >= maxDelayMs / factor ? maxDelayMs : delayMs * factor;
        return current;
      },
    };
  }
}
