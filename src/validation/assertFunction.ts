import { describeValue } from './describeValue.js';

/** Throws a `TypeError` naming the component and the option unless `value` is a function. */
export function assertFunction(
  component: string,
  option: string,
  value: unknown,
): asserts value is (...parameters: never[]) => unknown {
  if (typeof value !== 'function') {
    throw new TypeError(
      `${component}: \`${option}\` must be a function, received ${describeValue(value)}.`,
    );
  }
}
