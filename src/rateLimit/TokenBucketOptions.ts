import { assertNumber } from '../validation/assertNumber.js';
import { assertRequiredObject } from './assertRequiredObject.js';

/** Options of a token bucket: bursts of `capacity` calls, then `refillPerSecond` calls a second. */
export interface TokenBucketOptions {
  /** The number of tokens in a full bucket, which is the largest burst. From 1 to 10^9. */
  readonly capacity: number;
  /** The number of tokens added each second, continuously, up to `capacity`. From 10^-6 to 10^9. */
  readonly refillPerSecond: number;
}

const MAX_TOKENS = 1_000_000_000;

/** The smallest refill rate accepted: one token in about 11.6 days. */
const MIN_REFILL_PER_SECOND = 0.000001;

/**
 * Throws a `TypeError` or `RangeError` naming the component and the option unless `value`
 * contains valid token bucket options. `option` names `value` in the message, such as
 * `tokenBucket` for a runner's option.
 */
export function assertTokenBucketOptions(
  component: string,
  option: string,
  value: unknown,
): asserts value is TokenBucketOptions {
  assertRequiredObject(component, option, value);
  const options = value as Partial<Record<keyof TokenBucketOptions, unknown>>;
  assertNumber(component, `${option}.capacity`, options.capacity, {
    min: 1,
    max: MAX_TOKENS,
    integer: true,
  });
  assertNumber(component, `${option}.refillPerSecond`, options.refillPerSecond, {
    min: MIN_REFILL_PER_SECOND,
    max: MAX_TOKENS,
  });
}
