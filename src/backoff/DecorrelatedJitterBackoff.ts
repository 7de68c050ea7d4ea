import { assertFunction } from '../validation/assertFunction.js';
import { assertNumber } from '../validation/assertNumber.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import { withDefaults } from '../options/withDefaults.js';
import type { Backoff, BackoffSequence } from './Backoff.js';
import { assertDelayOption, assertNotAboveCap } from './assertDelayOption.js';
import { drawRandom, type RandomSource } from './drawRandom.js';
import { markIndependentOfElapsedTime } from './elapsedTimeIndependence.js';

/** Options of {@link DecorrelatedJitterBackoff}. */
export interface DecorrelatedJitterBackoffOptions {
  /** The smallest delay, and the first upper bound, in milliseconds. @default 100 */
  readonly initialDelayMs?: number | undefined;
  /** How far each delay's upper bound grows over the previous delay, from 1 up. @default 3 */
  readonly factor?: number | undefined;
  /** The largest delay, in milliseconds, at least `initialDelayMs`. @default 30_000 */
  readonly maxDelayMs?: number | undefined;
  /** The source of random numbers from 0 to 1, replaceable in tests. @default Math.random */
  readonly random?: RandomSource | undefined;
}

const DEFAULTS = Object.freeze({
  initialDelayMs: 100,
  factor: 3,
  maxDelayMs: 30_000,
  random: Math.random,
} satisfies DecorrelatedJitterBackoffOptions);

/**
 * Draws each delay at random between `initialDelayMs` and `factor` times the previous delay,
 * capped at `maxDelayMs`, the strategy known as decorrelated jitter. Delays grow on average but
 * stay spread out. The bound is capped before the draw, unlike the common form
 * `min(cap, random(base, previous × 3))`, so delays near the cap stay spread below it instead
 * of piling up at exactly the cap.
 *
 * @example
 * new DecorrelatedJitterBackoff({ initialDelayMs: 100, maxDelayMs: 10_000 });
 */
export class DecorrelatedJitterBackoff implements Backoff {
  readonly maxDelayMs: number;
  readonly #initialDelayMs: number;
  readonly #factor: number;
  readonly #random: RandomSource;

  constructor(options: DecorrelatedJitterBackoffOptions = {}) {
    const component = 'DecorrelatedJitterBackoff';
    assertOptionsObject(component, 'options', options);
    const settings = withDefaults(DEFAULTS, options);
    assertDelayOption(component, 'initialDelayMs', settings.initialDelayMs);
    assertNumber(component, 'factor', settings.factor, { min: 1, max: Number.MAX_VALUE });
    assertDelayOption(component, 'maxDelayMs', settings.maxDelayMs);
    assertNotAboveCap(component, 'initialDelayMs', settings.initialDelayMs, settings.maxDelayMs);
    assertFunction(component, 'random', settings.random);
    this.#initialDelayMs = settings.initialDelayMs;
    this.#factor = settings.factor;
    this.#random = settings.random;
    this.maxDelayMs = settings.maxDelayMs;
    markIndependentOfElapsedTime(this);
  }

  start(): BackoffSequence {
    const { maxDelayMs } = this;
    const initialDelayMs = this.#initialDelayMs;
    const factor = this.#factor;
    const random = this.#random;
    let previousMs = initialDelayMs;
    return {
      next: () => {
        // Comparing before multiplying keeps the bound finite whatever the factor.
        const upperMs = previousMs >= maxDelayMs / factor ? maxDelayMs : previousMs * factor;
        const unit = drawRandom('DecorrelatedJitterBackoff', random);
        previousMs = Math.min(maxDelayMs, initialDelayMs + unit * (upperMs - initialDelayMs));
        return previousMs;
      },
    };
  }
}
