import { describeValue } from '../validation/describeValue.js';

/** Throws a `TypeError` unless `signal` is `undefined` or an `AbortSignal`. */
export function assertSignal(component: string, option: string, signal: unknown): void {
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(
      `${component}: \`${option}\` must be an AbortSignal, received ${describeValue(signal)}.`,
    );
  }
}
