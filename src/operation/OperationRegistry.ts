import { randomUUID } from 'node:crypto';
import { NonRetryableError } from '../errors/NonRetryableError.js';
import { UnknownOperationError } from '../errors/UnknownOperationError.js';
import { assertFunction } from '../validation/assertFunction.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import { assertJsonPayload } from './assertJsonPayload.js';
import { assertOperationString } from './assertOperationString.js';
import { NamedOperation } from './NamedOperation.js';
import type { OperationHandler } from './OperationHandler.js';
import type { StoredOperation } from './StoredOperation.js';

/** Options of {@link OperationRegistry.operation}. */
export interface NamedOperationOptions {
  /** The operation's id, the same on every attempt and replay. @default a random UUID */
  readonly id?: string | undefined;
  /** The key a receiver uses to drop duplicates. @default the operation's id */
  readonly idempotencyKey?: string | undefined;
  /**
   * The ordering key, such as a customer id: a keyed buffer keeps order per key, and a failing
   * operation blocks only the operations with the same key. @default none (one shared order)
   */
  readonly key?: string | undefined;
}

/**
 * Maps operation names to handlers, so that an operation stored as a name and a JSON payload
 * can run again after a restart. Register every name before a buffer replays its operations.
 *
 * @example
 * const registry = new OperationRegistry();
 * registry.register('charge', async ({ orderId }, { idempotencyKey }) => payments.charge(orderId, idempotencyKey));
 * const operation = registry.operation('charge', { orderId: 'o-17' }, { key: 'customer-42' });
 */
export class OperationRegistry {
  readonly #handlers = new Map<string, OperationHandler<never>>();

  /** Registers `handler` under `name`; a name can be registered once. Returns the registry. */
  register<Payload = unknown, Result = unknown>(
    name: string,
    handler: OperationHandler<Payload, Result>,
  ): this {
    assertOperationString('OperationRegistry.register', 'name', name);
    assertFunction('OperationRegistry.register', 'handler', handler);
    if (this.#handlers.has(name)) {
      throw new TypeError(
        `OperationRegistry.register: a handler is already registered for ` +
          `${JSON.stringify(name)}; each name maps to one handler.`,
      );
    }
    this.#handlers.set(name, handler);
    return this;
  }

  /** Tells whether a handler is registered under `name`. */
  has(name: string): boolean {
    return this.#handlers.has(name);
  }

  /**
   * Creates a named operation. Throws a `TypeError` when `name` has no handler, and one naming
   * the path inside the payload when JSON cannot carry `payload` faithfully (see
   * {@link assertJsonPayload}), so that an invalid operation never reaches a buffer.
   */
  operation<T = unknown>(
    name: string,
    payload: unknown,
    options: NamedOperationOptions = {},
  ): NamedOperation<T> {
    const component = 'OperationRegistry.operation';
    assertOperationString(component, 'name', name);
    const handler = this.#handlers.get(name);
    if (handler === undefined) {
      throw new TypeError(
        `${component}: no handler is registered for ${JSON.stringify(name)}; call ` +
          '`registry.register(name, handler)` first.',
      );
    }
    assertJsonPayload(component, payload);
    const stored = storedFrom(component, name, JSON.stringify(payload), options);
    return new NamedOperation(stored, handler as OperationHandler<unknown, T>);
  }

  /**
   * Rebuilds a stored operation. An operation whose name has no handler is still returned, so
   * that the buffer can report it: it rejects with an {@link UnknownOperationError} when run.
   * So is one whose stored payload is not valid JSON, such as a row damaged outside the library:
   * its `payload` reads `null`, and it rejects with a {@link NonRetryableError} when run, so
   * that it blocks only its own key and can move to the dead letters.
   */
  restore(stored: StoredOperation): NamedOperation {
    const handler = this.#handlers.get(stored.name) as OperationHandler | undefined;
    try {
      return new NamedOperation(stored, handler ?? rejectUnknown);
    } catch {
      return new NamedOperation({ ...stored, payloadJson: 'null' }, rejectDamagedPayload);
    }
  }
}

function storedFrom(
  component: string,
  name: string,
  payloadJson: string,
  options: NamedOperationOptions,
): StoredOperation {
  assertOptionsObject(component, 'options', options);
  // Only `undefined` takes the default, so that `null` is rejected as an invalid string.
  const id = options.id === undefined ? randomUUID() : options.id;
  const idempotencyKey = options.idempotencyKey === undefined ? id : options.idempotencyKey;
  assertOperationString(component, 'id', id);
  assertOperationString(component, 'idempotencyKey', idempotencyKey);
  if (options.key !== undefined) {
    assertOperationString(component, 'key', options.key);
  }
  return { name, payloadJson, id, idempotencyKey, key: options.key };
}

function rejectDamagedPayload(_payload: unknown, context: { operationId: string }): never {
  // The parser's message would quote the damaged text, and a payload never goes in an error.
  throw new NonRetryableError(
    new SyntaxError('The stored payload is not valid JSON.'),
    `The stored payload of the operation ${JSON.stringify(context.operationId)} is not valid ` +
      'JSON, so it cannot run; drop it, or repair the stored payload and requeue it.',
  );
}

function rejectUnknown(_payload: unknown, context: { name: string; operationId: string }): never {
  throw new UnknownOperationError(context.name, context.operationId);
}
