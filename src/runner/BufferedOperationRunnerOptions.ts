import { assertBackoff } from '../backoff/assertBackoff.js';
import { ExponentialBackoff } from '../backoff/ExponentialBackoff.js';
import { isDeadLetterBuffer } from '../buffer/DeadLetterBuffer.js';
import { isKeyedBuffer } from '../buffer/KeyedOperationBuffer.js';
import type { OperationBuffer } from '../buffer/OperationBuffer.js';
import type { Clock } from '../clock/Clock.js';
import { assertClock } from '../clock/assertClock.js';
import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';
import { systemClock } from '../clock/SystemClock.js';
import { isNonRetryable } from '../errors/isNonRetryable.js';
import { assertFunction } from '../validation/assertFunction.js';
import { assertNumber } from '../validation/assertNumber.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import { describeValue } from '../validation/describeValue.js';
import { withDefaults } from '../options/withDefaults.js';
import type { ReplayBackoff } from './RetrySchedule.js';

/** When a buffered runner moves a failing operation to the buffer's dead letters. */
export interface DeadLetterPolicy {
  /**
   * The number of failed attempts after which the operation moves, a whole number from 1 up,
   * or `Infinity` to move only final failures.
   * @default Infinity
   */
  readonly maxAttempts?: number | undefined;
  /**
   * Tells whether a failure is final, so that the operation moves at once.
   * @default a `NonRetryableError` or an `UnknownOperationError`
   */
  readonly isFinal?: ((error: unknown) => boolean) | undefined;
}

/** Options of `BufferedOperationRunner`. */
export interface BufferedOperationRunnerOptions {
  /** The source of time for replay delays and the background drainer. @default systemClock */
  readonly clock?: Clock | undefined;
  /**
   * The delays before a failing head runs again: a backoff, or a function from the number of
   * failed attempts to milliseconds. A keyed buffer stores each head's next-attempt time, which
   * every drain respects; the background drainer waits for it with any buffer.
   * @default new ExponentialBackoff({ initialDelayMs: 1_000, maxDelayMs: 60_000 })
   */
  readonly backoff?: ReplayBackoff | undefined;
  /**
   * Moves poison operations to the buffer's dead letters instead of blocking their key: `true`
   * for final failures only, or a policy. Needs a buffer with keys and dead letters, such as
   * `SqliteOperationBuffer`.
   * @default false
   */
  readonly deadLetters?: boolean | DeadLetterPolicy | undefined;
  /**
   * How often the background drainer looks for operations when it has nothing to wait for,
   * such as operations that another process added, in milliseconds.
   * @default 1_000
   */
  readonly pollIntervalMs?: number | undefined;
}

/** A dead-letter policy with its defaults applied. */
export interface DeadLetterSettings {
  readonly maxAttempts: number;
  readonly isFinal: (error: unknown) => boolean;
}

/** The options with their defaults applied. */
export interface BufferedOperationRunnerSettings {
  readonly clock: Clock;
  readonly backoff: ReplayBackoff;
  readonly deadLetters: DeadLetterSettings | undefined;
  readonly pollIntervalMs: number;
}

const COMPONENT = 'BufferedOperationRunner';

const DEFAULTS = Object.freeze({
  clock: systemClock,
  backoff: new ExponentialBackoff({ initialDelayMs: 1_000, maxDelayMs: 60_000 }),
  pollIntervalMs: 1_000,
});

const DEAD_LETTER_DEFAULTS = Object.freeze({
  maxAttempts: Infinity,
  isFinal: isNonRetryable,
});

/** Applies the defaults to `options` in a new object and validates every option. */
export function resolveBufferedOptions(
  buffer: OperationBuffer,
  options: BufferedOperationRunnerOptions = {},
): BufferedOperationRunnerSettings {
  assertOptionsObject(COMPONENT, 'options', options);
  const merged = withDefaults(DEFAULTS, options);
  const settings = {
    clock: merged.clock,
    backoff: merged.backoff,
    deadLetters: resolveDeadLetters(buffer, merged.deadLetters),
    pollIntervalMs: merged.pollIntervalMs,
  };
  assertClock(COMPONENT, 'clock', settings.clock);
  if (typeof settings.backoff !== 'function') {
    assertBackoff(COMPONENT, 'backoff', settings.backoff);
  }
  assertNumber(COMPONENT, 'pollIntervalMs', settings.pollIntervalMs, {
    min: 1,
    max: MAX_TIMER_DELAY_MS,
  });
  return settings;
}

function resolveDeadLetters(
  buffer: OperationBuffer,
  option: BufferedOperationRunnerOptions['deadLetters'],
): DeadLetterSettings | undefined {
  if (option === undefined || option === false) {
    return undefined;
  }
  if (option !== true) {
    assertOptionsObject(COMPONENT, 'deadLetters', option);
  }
  if (!isKeyedBuffer(buffer) || !isDeadLetterBuffer(buffer)) {
    throw new TypeError(
      `${COMPONENT}: \`deadLetters\` needs a buffer with keys and dead letters (the methods ` +
        'heads, remove, recordFailure, deadLetter, deadLetters, requeue and drop), such as ' +
        `\`SqliteOperationBuffer\`; received ${describeValue(buffer)} without them.`,
    );
  }
  const settings = withDefaults(DEAD_LETTER_DEFAULTS, option === true ? {} : option);
  assertNumber(COMPONENT, 'deadLetters.maxAttempts', settings.maxAttempts, {
    min: 1,
    max: Infinity,
    integer: true,
  });
  assertFunction(COMPONENT, 'deadLetters.isFinal', settings.isFinal);
  return settings;
}
