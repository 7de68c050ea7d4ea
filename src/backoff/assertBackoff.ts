import { describeValue } from '../validation/describeValue.js';
import type { Backoff } from './Backoff.js';

/** Throws a `TypeError` naming the component unless `value` has a `start` method. */
export function assertBackoff(
  component: string,
  option: string,
  value: unknown,
): asserts value is Backoff {
  const start = (value as { start?: unknown } | null | undefined)?.start;
  if (typeof value !== 'object' || value === null || typeof start !== 'function') {
    throw new TypeError(
      `${component}: \`${option}\` must be a backoff (an object with a \`start\` method, such ` +
        `as \`new ExponentialBackoff()\`), received ${describeValue(value)}.`,
    );
  }
}
