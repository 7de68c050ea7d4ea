import { assertFunction } from '../validation/assertFunction.js';
import { assertNumber } from '../validation/assertNumber.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import { withDefaults } from '../options/withDefaults.js';
import type { Backoff, BackoffSequence } from './Backoff.js';
import { assertBackoff } from './assertBackoff.js';
import { drawRandom, type RandomSource } from './drawRandom.js';
import {
  isIndependentOfElapsedTime,
  markIndependentOfElapsedTime,
} from './elapsedTimeIndependence.js';

/** Options of {@link JitterBackoff}. */
export interface JitterBackoffOptions {
  /**
   * The share of each delay that is randomized, from 0 to 1. Each delay `d` becomes a random
   * value from `d × (1 − ratio)` to `d`: 1 is full jitter (0 to `d`), 0.5 is equal jitter
   * (`d / 2` to `d`), 0 leaves the delays unchanged.
   * @default 1
   */
  readonly ratio?: number | undefined;
  /** The source of random numbers from 0 to 1, replaceable in tests. @default Math.random */
  readonly random?: RandomSource | undefined;
}

const DEFAULTS = Object.freeze({
  ratio: 1,
  random: Math.random,
} satisfies JitterBackoffOptions);

/**
 * Randomizes the delays of another strategy, so that clients that failed at the same moment
 * spread their retries out. It only shortens delays, so the wrapped strategy's cap still
 * holds.
 *
 * @example
 * // Full jitter: each delay is random from 0 to 100, 200, 400, … ms.
 * new JitterBackoff(new ExponentialBackoff({ initialDelayMs: 100 }));
 */
export class JitterBackoff implements Backoff {
  readonly maxDelayMs: number | undefined;
  readonly #backoff: Backoff;
  readonly #ratio: number;
  readonly #random: RandomSource;

  constructor(backoff: Backoff, options: JitterBackoffOptions = {}) {
    assertBackoff('JitterBackoff', 'backoff', backoff);
    assertOptionsObject('JitterBackoff', 'options', options);
    const settings = withDefaults(DEFAULTS, options);
    // A ratio above 1 could make a delay negative.
    assertNumber('JitterBackoff', 'ratio', settings.ratio, { min: 0, max: 1 });
    assertFunction('JitterBackoff', 'random', settings.random);
    this.#backoff = backoff;
    this.#ratio = settings.ratio;
    this.#random = settings.random;
    this.maxDelayMs = backoff.maxDelayMs;
    if (isIndependentOfElapsedTime(backoff)) {
      markIndependentOfElapsedTime(this);
    }
  }

  start(): BackoffSequence {
    const sequence = this.#backoff.start();
    const ratio = this.#ratio;
    const random = this.#random;
    return {
      next: (context) => {
        const delayMs = sequence.next(context);
        if (delayMs === undefined) {
          return undefined;
        }
        return delayMs * (1 - ratio * drawRandom('JitterBackoff', random));
      },
    };
  }
}
