import type { OperationContext } from './OperationContext.js';

/**
 * An atomic piece of processing, such as one call to a third-party API. Runners call
 * `execute` once per attempt; it may return a value or a promise, or throw.
 */
export interface Operation<T = unknown> {
  execute(context: OperationContext): T | PromiseLike<T>;
}
