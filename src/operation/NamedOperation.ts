import type { Operation } from './Operation.js';
import type { OperationContext } from './OperationContext.js';
import type { OperationHandler } from './OperationHandler.js';
import type { StoredOperation } from './StoredOperation.js';

/**
 * An operation that can be stored and replayed: a registered name, a JSON payload, an id and an
 * idempotency key, plus an optional ordering key. The id and the idempotency key stay the same
 * on every attempt and every replay, and reach the handler in its context. Create one with
 * `registry.operation(name, payload)`; every runner runs it like any other operation.
 *
 * @example
 * registry.register('send-email', async (payload, { idempotencyKey }) => mailer.send(payload, idempotencyKey));
 * await runner.run(registry.operation('send-email', { to: 'ada@example.com' }, { key: 'customer-42' }));
 */
export class NamedOperation<T = unknown> implements Operation<T>, StoredOperation {
  readonly name: string;
  /** A frozen copy of the payload, parsed back from {@link payloadJson}. */
  readonly payload: unknown;
  /** The payload as JSON text, exactly as a buffer stores it. */
  readonly payloadJson: string;
  readonly id: string;
  readonly idempotencyKey: string;
  readonly key: string | undefined;
  readonly #handler: OperationHandler<unknown, T>;

  /**
   * Rebuilds an operation from `stored`, trusted to be valid: use `registry.operation()` or
   * `registry.restore()` instead, which check their input.
   */
  constructor(stored: StoredOperation, handler: OperationHandler<unknown, T>) {
    this.name = stored.name;
    this.payloadJson = stored.payloadJson;
    this.payload = deepFreeze(JSON.parse(stored.payloadJson));
    this.id = stored.id;
    this.idempotencyKey = stored.idempotencyKey;
    this.key = stored.key;
    this.#handler = handler;
  }

  execute(context: OperationContext): T | PromiseLike<T> {
    return this.#handler(this.payload, {
      signal: context.signal,
      attempt: context.attempt,
      name: this.name,
      operationId: this.id,
      idempotencyKey: this.idempotencyKey,
      key: this.key,
    });
  }
}

function deepFreeze(value: unknown): unknown {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
    Object.freeze(value);
  }
  return value;
}
