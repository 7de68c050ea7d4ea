import type { Operation } from './Operation.js';

/** Returns the ordering `key` of a named operation, or `undefined` for an operation without one. */
export function operationKeyOf(operation: Operation): string | undefined {
  const key = (operation as { readonly key?: unknown }).key;
  return typeof key === 'string' ? key : undefined;
}
