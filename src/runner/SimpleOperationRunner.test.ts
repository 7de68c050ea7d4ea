import { describe, expect, it } from 'vitest';
import { Callback } from '../operation/Callback.js';
import type { OperationContext } from '../operation/OperationContext.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';

function recordingOperation(result: unknown = 'ok'): {
  operation: Callback;
  contexts: OperationContext[];
} {
  const contexts: OperationContext[] = [];
  const operation = new Callback((context) => {
    contexts.push(context);
    return result;
  });
  return { operation, contexts };
}

describe('SimpleOperationRunner', () => {
  it('runs the operation once', async () => {
    const { operation, contexts } = recordingOperation('value');

    await expect(new SimpleOperationRunner().run(operation)).resolves.toBe('value');

    expect(contexts).toHaveLength(1);
  });

  it('runs in the caller turn', () => {
    const { operation, contexts } = recordingOperation();

    void new SimpleOperationRunner().run(operation);

    expect(contexts).toHaveLength(1);
  });

  it('starts at attempt 1', async () => {
    const { operation, contexts } = recordingOperation();

    await new SimpleOperationRunner().run(operation, {});

    expect(contexts[0]!.attempt).toBe(1);
    expect(contexts[0]!.signal.aborted).toBe(false);
  });

  it('passes the signal and attempt', async () => {
    const { operation, contexts } = recordingOperation();
    const controller = new AbortController();

    await new SimpleOperationRunner().run(operation, { signal: controller.signal, attempt: 4 });

    expect(contexts[0]!.signal).toBe(controller.signal);
    expect(contexts[0]!.attempt).toBe(4);
  });

  it('passes a signal aborted during the run', async () => {
    const controller = new AbortController();
    const operation = new Callback(
      ({ signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason as Error));
        }),
    );

    const result = new SimpleOperationRunner().run(operation, { signal: controller.signal });
    const reason = new Error('stop');
    controller.abort(reason);

    await expect(result).rejects.toBe(reason);
  });

  it('resolves with a returned promise', async () => {
    const operation = new Callback(async () => 'async value');

    await expect(new SimpleOperationRunner().run(operation)).resolves.toBe('async value');
  });

  it('rejects with a rejected promise', async () => {
    const failure = new Error('remote down');
    const operation = new Callback(async () => {
      throw failure;
    });

    await expect(new SimpleOperationRunner().run(operation)).rejects.toBe(failure);
  });

  it('turns a synchronous throw into a rejection', async () => {
    const failure = new Error('sync');
    const operation = new Callback(() => {
      throw failure;
    });
    const runner = new SimpleOperationRunner();

    let result: Promise<unknown> | undefined;
    expect(() => (result = runner.run(operation))).not.toThrow();
    await expect(result).rejects.toBe(failure);
  });

  it('rejects at once when already aborted', async () => {
    const { operation, contexts } = recordingOperation();
    const reason = new Error('cancelled');

    const result = new SimpleOperationRunner().run(operation, {
      signal: AbortSignal.abort(reason),
    });

    await expect(result).rejects.toBe(reason);
    expect(contexts).toHaveLength(0);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['42', 42],
    ['a function', () => 'not wrapped'],
    ['a value of type object', { run: () => 1 }],
  ])('rejects %s as the operation', async (described, value) => {
    const result = new SimpleOperationRunner().run(value as never);

    await expect(result).rejects.toThrow(TypeError);
    await expect(result).rejects.toThrow(
      'SimpleOperationRunner.run: `operation` must be an operation',
    );
    await expect(result).rejects.toThrow(`received ${described}.`);
  });

  it.each([
    [0, '0'],
    [1.5, '1.5'],
    [Number.NaN, 'NaN'],
    [-1, '-1'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('rejects attempt %s', async (attempt, described) => {
    const { operation, contexts } = recordingOperation();

    const result = new SimpleOperationRunner().run(operation, { attempt });

    await expect(result).rejects.toThrow(RangeError);
    await expect(result).rejects.toThrow(
      'SimpleOperationRunner.run: `attempt` must be an integer from 1 to 9007199254740991',
    );
    await expect(result).rejects.toThrow(`received ${described}.`);
    expect(contexts).toHaveLength(0);
  });

  it('rejects an attempt that is not a number', async () => {
    const { operation } = recordingOperation();

    const result = new SimpleOperationRunner().run(operation, { attempt: '2' as never });

    await expect(result).rejects.toThrow(TypeError);
    await expect(result).rejects.toThrow('`attempt` must be an integer from 1');
  });

  it('rejects a signal that is not an AbortSignal', async () => {
    const { operation, contexts } = recordingOperation();

    const result = new SimpleOperationRunner().run(operation, {
      signal: { aborted: true } as never,
    });

    await expect(result).rejects.toThrow(TypeError);
    await expect(result).rejects.toThrow(
      'SimpleOperationRunner.run: `signal` must be an AbortSignal, received a value of type object.',
    );
    expect(contexts).toHaveLength(0);
  });

  it.each([
    ['null', null],
    ['7', 7],
    ['"fast"', 'fast'],
  ])('rejects %s as the options', async (described, options) => {
    const { operation, contexts } = recordingOperation();

    const result = new SimpleOperationRunner().run(operation, options as never);

    await expect(result).rejects.toThrow(TypeError);
    await expect(result).rejects.toThrow(
      `SimpleOperationRunner.run: \`options\` must be an object, received ${described}.`,
    );
    expect(contexts).toHaveLength(0);
  });
});
