import type { Operation } from './Operation.js';

/** Returns the `id` of a stored (named) operation, or `undefined` for an operation without one. */
export function operationIdOf(operation: Operation): string | undefined {
  const id = (operation as { readonly id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}
