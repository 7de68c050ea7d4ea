import { describeValue } from './describeValue.js';

/**
 * Throws a `TypeError` unless `value` is `undefined` or a plain object, so that a caller who
 * passes a number or a string where options belong learns it at construction.
 */
export function assertOptionsObject(
  component: string,
  option: string,
  value: unknown,
): asserts value is object | undefined {
  if (value === undefined) {
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(
      `${component}: \`${option}\` must be an object, received ${describeValue(value)}.`,
    );
  }
}
