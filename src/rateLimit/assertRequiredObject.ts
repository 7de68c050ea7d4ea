import { describeValue } from '../validation/describeValue.js';

/** Throws a `TypeError` naming the component and the option unless `value` is an object. */
export function assertRequiredObject(
  component: string,
  option: string,
  value: unknown,
): asserts value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(
      `${component}: \`${option}\` must be an object, received ${describeValue(value)}.`,
    );
  }
}
