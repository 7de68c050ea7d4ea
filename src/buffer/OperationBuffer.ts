import type { Operation } from '../operation/Operation.js';

/** A value, or a promise of it: in-memory buffers return at once, durable ones asynchronously. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * An ordered store of operations waiting to run. The buffered runner reads the head with
 * `current()`, runs it, and removes it with `pop()` only after it succeeded.
 */
export interface OperationBuffer {
  /** Appends `operation` at the tail. */
  add(operation: Operation): MaybePromise<void>;
  /** The operation at the head, or `undefined` when the buffer is empty. */
  current(): MaybePromise<Operation | undefined>;
  /** Removes the head and returns it, or returns `undefined` when the buffer is empty. */
  pop(): MaybePromise<Operation | undefined>;
  /** The number of operations in the buffer. */
  size(): MaybePromise<number>;
}
