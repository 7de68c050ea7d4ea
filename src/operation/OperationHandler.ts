import type { NamedOperationContext } from './NamedOperationContext.js';

/**
 * The function a registry runs for a named operation: it receives the operation's payload
 * (a frozen copy, exactly as it would come back from a buffer file) and its context.
 */
export type OperationHandler<Payload = unknown, Result = unknown> = (
  payload: Payload,
  context: NamedOperationContext,
) => Result | PromiseLike<Result>;
