import { FaultToleranceError } from './FaultToleranceError.js';

/**
 * Rejection of a named operation whose name has no handler in the registry, such as an
 * operation stored by an older version of a program that no longer registers it. Retrying does
 * not help, so a buffered runner with dead letters moves it aside at once. Register the name
 * again, then requeue the dead letter.
 */
export class UnknownOperationError extends FaultToleranceError {
  override readonly name = 'UnknownOperationError';
  readonly code = 'ERR_UNKNOWN_OPERATION';
  /** The name that has no handler. */
  readonly operationName: string;
  /** The stored operation's id. */
  readonly operationId: string;

  constructor(operationName: string, operationId: string) {
    super(
      `No handler is registered for the operation name ${JSON.stringify(operationName)} ` +
        `(operation id ${JSON.stringify(operationId)}). Register it with ` +
        '`registry.register(name, handler)` before the buffer replays it.',
    );
    this.operationName = operationName;
    this.operationId = operationId;
  }
}
