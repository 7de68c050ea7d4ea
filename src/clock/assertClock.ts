import { describeValue } from '../validation/describeValue.js';
import type { Clock } from './Clock.js';

const METHODS = ['now', 'setTimeout', 'clearTimeout'] as const;

/** Throws a `TypeError` naming the component unless `value` has the {@link Clock} methods. */
export function assertClock(
  component: string,
  option: string,
  value: unknown,
): asserts value is Clock {
  const candidate = value as Record<string, unknown> | null;
  const missing = METHODS.filter((method) => typeof candidate?.[method] !== 'function');
  if (typeof value !== 'object' || value === null || missing.length > 0) {
    throw new TypeError(
      `${component}: \`${option}\` must be a clock with the methods ${METHODS.join(', ')} ` +
        `(such as \`new VirtualClock()\`), received ${describeValue(value)}.`,
    );
  }
}
