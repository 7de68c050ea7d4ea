import { describeValue } from './describeValue.js';

/** Bounds and shape accepted by {@link assertNumber}. */
export interface NumberRule {
  /** Smallest allowed value, inclusive. */
  readonly min: number;
  /** Largest allowed value, inclusive. `Infinity` allows any finite value and `Infinity`. */
  readonly max: number;
  /** Whether only whole numbers are allowed. @default false */
  readonly integer?: boolean;
}

/**
 * Throws unless `value` is a number within `rule`. A value that is not a number gives a
 * `TypeError`; NaN, a fraction where an integer is required, or a value out of range gives a
 * `RangeError`. Both name the component, the option, the allowed range and the value received.
 */
export function assertNumber(
  component: string,
  option: string,
  value: unknown,
  rule: NumberRule,
): asserts value is number {
  if (typeof value !== 'number') {
    throw new TypeError(
      `${component}: \`${option}\` must be ${describeRule(rule)}, received ${describeValue(value)}.`,
    );
  }
  const integer = rule.integer === true;
  const valid =
    !Number.isNaN(value) &&
    value >= rule.min &&
    value <= rule.max &&
    (!integer || Number.isInteger(value) || value === Infinity);
  if (!valid) {
    throw new RangeError(
      `${component}: \`${option}\` must be ${describeRule(rule)}, received ${describeValue(value)}.`,
    );
  }
}

function describeRule(rule: NumberRule): string {
  const kind = rule.integer === true ? 'an integer' : 'a number';
  if (rule.max === Infinity) {
    return `${kind} from ${rule.min} up to Infinity`;
  }
  return `${kind} from ${rule.min} to ${rule.max}`;
}
