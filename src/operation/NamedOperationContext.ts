import type { OperationContext } from './OperationContext.js';

/** What the handler of a named operation receives each time the operation runs. */
export interface NamedOperationContext extends OperationContext {
  /** The registered name the operation was created with. */
  readonly name: string;
  /** The operation's id, the same on every attempt and every replay. */
  readonly operationId: string;
  /** The key a receiver can use to drop duplicates; the same on every attempt and replay. */
  readonly idempotencyKey: string;
  /** The ordering key, or `undefined` when the operation has none. */
  readonly key: string | undefined;
}
