import { describe, expect, it } from 'vitest';
import { NonRetryableError } from '../errors/NonRetryableError.js';
import { UnknownOperationError } from '../errors/UnknownOperationError.js';
import { SimpleOperationRunner } from '../runner/SimpleOperationRunner.js';
import type { NamedOperationContext } from './NamedOperationContext.js';
import { NamedOperation } from './NamedOperation.js';
import { OperationRegistry } from './OperationRegistry.js';

function echoRegistry(): OperationRegistry {
  return new OperationRegistry().register('echo', (payload) => payload);
}

describe('OperationRegistry', () => {
  it('creates operations that run their handler', async () => {
    const registry = new OperationRegistry().register(
      'add',
      (payload: { a: number; b: number }) => {
        return payload.a + payload.b;
      },
    );

    const result = await new SimpleOperationRunner().run(registry.operation('add', { a: 2, b: 3 }));

    expect(result).toBe(5);
  });

  it('passes the ids and the attempt to the handler', async () => {
    const contexts: NamedOperationContext[] = [];
    const registry = new OperationRegistry().register('track', (_payload, context) => {
      contexts.push(context);
    });
    const operation = registry.operation('track', null, {
      id: 'op-1',
      idempotencyKey: 'idem-1',
      key: 'customer-1',
    });

    await new SimpleOperationRunner().run(operation, { attempt: 3 });

    expect(contexts[0]).toMatchObject({
      name: 'track',
      operationId: 'op-1',
      idempotencyKey: 'idem-1',
      key: 'customer-1',
      attempt: 3,
    });
    expect(contexts[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  it('gives each operation a new id by default', () => {
    const registry = echoRegistry();

    const first = registry.operation('echo', 1);
    const second = registry.operation('echo', 1);

    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.id).not.toBe(first.id);
  });

  it('uses the id as the default idempotency key', () => {
    const operation = echoRegistry().operation('echo', 1, { id: 'order-7' });

    expect(operation.idempotencyKey).toBe('order-7');
    expect(operation.key).toBeUndefined();
  });

  it('keeps the same ids on every attempt', async () => {
    const seen: string[] = [];
    const registry = new OperationRegistry().register('track', (_payload, context) => {
      seen.push(`${context.operationId}/${context.idempotencyKey}`);
    });
    const operation = registry.operation('track', {});
    const runner = new SimpleOperationRunner();

    await runner.run(operation, { attempt: 1 });
    await runner.run(operation, { attempt: 2 });

    expect(seen).toEqual([
      `${operation.id}/${operation.idempotencyKey}`,
      `${operation.id}/${operation.idempotencyKey}`,
    ]);
  });

  it('gives the handler a frozen copy of the payload', async () => {
    let received: unknown;
    const registry = new OperationRegistry().register('keep', (payload) => {
      received = payload;
    });
    const payload = { items: [{ id: 1 }] };
    const operation = registry.operation('keep', payload);
    payload.items[0]!.id = 2;

    await new SimpleOperationRunner().run(operation);

    expect(received).toEqual({ items: [{ id: 1 }] });
    expect(Object.isFrozen((received as typeof payload).items[0])).toBe(true);
  });

  it('rejects a payload JSON cannot carry', () => {
    const registry = echoRegistry();

    expect(() => registry.operation('echo', { when: new Date(0) })).toThrow(
      /OperationRegistry\.operation: `payload\.when` is a Date/,
    );
  });

  it.each(['id', 'idempotencyKey', 'key'])('rejects a lone surrogate in the %s', (option) => {
    const registry = new OperationRegistry().register('echo', (payload) => payload);

    const create = () => registry.operation('echo', null, { [option]: `order-\udc00-17` });

    expect(create).toThrow(TypeError);
    expect(create).toThrow(`\`${option}\` contains a lone surrogate`);
  });

  it('rejects a lone surrogate in a name', () => {
    const registry = new OperationRegistry();

    expect(() => registry.register('send-\ud800', () => 1)).toThrow(/lone surrogate/);
  });

  it('accepts emoji, NUL and quotes in ids', () => {
    const registry = new OperationRegistry().register('echo', (payload) => payload);
    const id = `'"\u0000é中😀`;

    expect(registry.operation('echo', null, { id, key: id }).id).toBe(id);
  });

  it('rejects an unregistered name', () => {
    expect(() => echoRegistry().operation('missing', {})).toThrow(
      /no handler is registered for "missing"/,
    );
  });

  it('rejects a name registered twice', () => {
    const registry = echoRegistry();

    expect(() => registry.register('echo', () => 1)).toThrow(/already registered for "echo"/);
  });

  it.each([
    [
      'an empty name',
      () => new OperationRegistry().register('', () => 1),
      /`name` must be a non-empty string/,
    ],
    [
      'a handler that is not a function',
      () => new OperationRegistry().register('x', 1 as never),
      /`handler` must be a function/,
    ],
    [
      'an empty id',
      () => echoRegistry().operation('echo', 1, { id: '' }),
      /`id` must be a non-empty string/,
    ],
    [
      'a numeric key',
      () => echoRegistry().operation('echo', 1, { key: 7 as never }),
      /`key` must be a non-empty string, received 7/,
    ],
    [
      'an empty idempotency key',
      () => echoRegistry().operation('echo', 1, { idempotencyKey: '' }),
      /`idempotencyKey` must be/,
    ],
    [
      'options that are not an object',
      () => echoRegistry().operation('echo', 1, 5 as never),
      /`options` must be an object/,
    ],
  ])('rejects %s with a TypeError', (_case, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });

  it('tells which names it has', () => {
    const registry = echoRegistry();

    expect(registry.has('echo')).toBe(true);
    expect(registry.has('other')).toBe(false);
  });

  it('restores a stored operation', async () => {
    const registry = echoRegistry();
    const stored = registry.operation('echo', { text: 'hi' }, { id: 'a', key: 'k' });

    const restored = registry.restore({
      name: stored.name,
      payloadJson: stored.payloadJson,
      id: stored.id,
      idempotencyKey: stored.idempotencyKey,
      key: stored.key,
    });

    expect(restored).toBeInstanceOf(NamedOperation);
    expect(restored).toMatchObject({ id: 'a', key: 'k', payload: { text: 'hi' } });
    await expect(new SimpleOperationRunner().run(restored)).resolves.toEqual({ text: 'hi' });
  });

  it('restores an unknown name as an operation that rejects', async () => {
    const restored = echoRegistry().restore({
      name: 'retired',
      payloadJson: '{}',
      id: 'op-9',
      idempotencyKey: 'op-9',
      key: undefined,
    });

    const failure = new SimpleOperationRunner().run(restored);

    await expect(failure).rejects.toBeInstanceOf(UnknownOperationError);
    await expect(failure).rejects.toMatchObject({
      operationName: 'retired',
      operationId: 'op-9',
      code: 'ERR_UNKNOWN_OPERATION',
    });
  });

  it('restores a damaged payload as an operation that rejects', async () => {
    const restored = echoRegistry().restore({
      name: 'echo',
      payloadJson: '{"card": "4111-secret',
      id: 'op-7',
      idempotencyKey: 'op-7',
      key: 'customer-1',
    });

    const failure = new SimpleOperationRunner().run(restored);

    expect(restored).toMatchObject({ id: 'op-7', key: 'customer-1', payload: null });
    await expect(failure).rejects.toBeInstanceOf(NonRetryableError);
    await expect(failure).rejects.toThrow('"op-7" is not valid JSON');
    const error = (await failure.catch((rejection: unknown) => rejection)) as Error;
    expect(error.message).not.toContain('secret');
    expect((error.cause as Error).message).not.toContain('secret');
  });
});
