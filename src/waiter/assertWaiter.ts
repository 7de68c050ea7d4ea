import { describeValue } from '../validation/describeValue.js';
import type { Waiter } from './Waiter.js';

/** Throws a `TypeError` naming the component unless `value` has a `sleep` method. */
export function assertWaiter(
  component: string,
  option: string,
  value: unknown,
): asserts value is Waiter {
  const sleep = (value as { sleep?: unknown } | null | undefined)?.sleep;
  if (typeof value !== 'object' || value === null || typeof sleep !== 'function') {
    throw new TypeError(
      `${component}: \`${option}\` must be a waiter (an object with a \`sleep\` method, such ` +
        `as \`new SleepWaiter(clock)\`), received ${describeValue(value)}.`,
    );
  }
}
