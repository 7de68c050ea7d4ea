import { describeValue } from '../validation/describeValue.js';

/**
 * Throws a `TypeError` unless `value` is a non-empty string, as names, ids and keys of named
 * operations must be. Any length and any characters are allowed; buffers store them as given.
 */
export function assertOperationString(
  component: string,
  option: string,
  value: unknown,
): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(
      `${component}: \`${option}\` must be a non-empty string, received ${describeValue(value)}.`,
    );
  }
}
