import { describe, expect, it } from 'vitest';
import { SimpleOperationRunner } from '../runner/SimpleOperationRunner.js';
import { Callback } from './Callback.js';
import type { OperationContext } from './OperationContext.js';

describe('Callback', () => {
  it('passes the context to the function', async () => {
    const contexts: OperationContext[] = [];
    const operation = new Callback(async (context) => {
      contexts.push(context);
      return 'done';
    });

    await expect(new SimpleOperationRunner().run(operation)).resolves.toBe('done');

    expect(contexts).toHaveLength(1);
    expect(contexts[0]!.signal).toBeInstanceOf(AbortSignal);
    expect(contexts[0]!.signal.aborted).toBe(false);
    expect(contexts[0]!.attempt).toBe(1);
  });

  it('returns a plain value as is', () => {
    const operation = new Callback(({ attempt }) => attempt * 10);
    const context = { signal: new AbortController().signal, attempt: 3 };

    expect(operation.execute(context)).toBe(30);
  });

  it('returns the promise of an async function', async () => {
    const operation = new Callback(async () => 'later');
    const context = { signal: new AbortController().signal, attempt: 1 };

    const returned = operation.execute(context);

    expect(returned).toBeInstanceOf(Promise);
    await expect(returned).resolves.toBe('later');
  });

  it('rethrows a synchronous throw from execute', () => {
    const failure = new Error('broken');
    const operation = new Callback(() => {
      throw failure;
    });
    const context = { signal: new AbortController().signal, attempt: 1 };

    expect(() => operation.execute(context)).toThrow(failure);
  });

  it('turns a synchronous throw into a rejection through a runner', async () => {
    const failure = new Error('broken');
    const operation = new Callback(() => {
      throw failure;
    });

    const result = new SimpleOperationRunner().run(operation);

    await expect(result).rejects.toBe(failure);
  });

  it('calls the function on every execute', async () => {
    let calls = 0;
    const operation = new Callback(() => ++calls);
    const runner = new SimpleOperationRunner();

    await expect(runner.run(operation)).resolves.toBe(1);
    await expect(runner.run(operation)).resolves.toBe(2);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['5', 5],
    ['"fn"', 'fn'],
    ['a value of type object', { execute: () => 1 }],
  ])('rejects %s as the callback', (described, value) => {
    const create = (): unknown => new Callback(value as never);

    expect(create).toThrow(TypeError);
    expect(create).toThrow('Callback: `callback` must be a function');
    expect(create).toThrow(`received ${described}.`);
  });
});
