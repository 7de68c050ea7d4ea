import { assertFunction } from '../validation/assertFunction.js';
import type { Operation } from './Operation.js';
import type { OperationContext } from './OperationContext.js';

/** The function a {@link Callback} wraps. */
export type CallbackFunction<T> = (context: OperationContext) => T | PromiseLike<T>;

/**
 * An operation made from a function.
 *
 * @example
 * const operation = new Callback(async ({ signal }) => fetch(url, { signal }));
 */
export class Callback<T = unknown> implements Operation<T> {
  readonly #callback: CallbackFunction<T>;

  constructor(callback: CallbackFunction<T>) {
    assertFunction('Callback', 'callback', callback);
    this.#callback = callback;
  }

  execute(context: OperationContext): T | PromiseLike<T> {
    return this.#callback(context);
  }
}
