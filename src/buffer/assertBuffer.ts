import { describeValue } from '../validation/describeValue.js';
import type { OperationBuffer } from './OperationBuffer.js';

const METHODS = ['add', 'current', 'pop', 'size'] as const;

/** Throws a `TypeError` naming the component unless `value` has the buffer methods. */
export function assertBuffer(
  component: string,
  option: string,
  value: unknown,
): asserts value is OperationBuffer {
  const candidate = value as Record<string, unknown> | null;
  const missing = METHODS.filter((method) => typeof candidate?.[method] !== 'function');
  if (typeof value !== 'object' || value === null || missing.length > 0) {
    throw new TypeError(
      `${component}: \`${option}\` must be an operation buffer with the methods ` +
        `${METHODS.join(', ')} (such as \`new InMemoryOperationBuffer()\`), ` +
        `received ${describeValue(value)}.`,
    );
  }
}
