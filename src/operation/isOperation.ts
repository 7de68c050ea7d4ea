import type { Operation } from './Operation.js';

/** Tells whether `value` has the shape of an {@link Operation}: an object with `execute`. */
export function isOperation(value: unknown): value is Operation {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { execute?: unknown }).execute === 'function'
  );
}
