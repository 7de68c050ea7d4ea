import { describeValue } from '../validation/describeValue.js';
import { isOperation } from './isOperation.js';
import type { Operation } from './Operation.js';

/** Throws a `TypeError` naming the component unless `value` is an {@link Operation}. */
export function assertOperation(
  component: string,
  argument: string,
  value: unknown,
): asserts value is Operation {
  if (!isOperation(value)) {
    throw new TypeError(
      `${component}: \`${argument}\` must be an operation (an object with an \`execute\` ` +
        `method, such as \`new Callback(fn)\`), received ${describeValue(value)}.`,
    );
  }
}
