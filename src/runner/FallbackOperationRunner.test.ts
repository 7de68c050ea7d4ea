import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/VirtualClock.js';
import { BulkheadRejectedError } from '../errors/BulkheadRejectedError.js';
import { Callback } from '../operation/Callback.js';
import {
  abortListenerCount,
  flushRejections,
  ManualOperation,
  track,
  expectNoUnhandledRejections,
} from '../queue/ManualOperation.testkit.js';
import { BulkheadOperationRunner } from './BulkheadOperationRunner.js';
import { FallbackOperationRunner } from './FallbackOperationRunner.js';
import type { FallbackContext } from './FallbackOperationRunnerOptions.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';
import { ThenableRunner } from './ThenableRunner.testkit.js';

expectNoUnhandledRejections();

class RemoteError extends Error {
  override readonly name = 'RemoteError';
}

const failing = (error: unknown): Callback<string> =>
  new Callback(() => {
    throw error;
  });

describe('FallbackOperationRunner', () => {
  it('passes a result through', async () => {
    const calls: unknown[] = [];
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), {
      fallback: () => calls.push('fallback'),
    });

    await expect(runner.run(new Callback(() => 'fresh'))).resolves.toBe('fresh');

    expect(calls).toEqual([]);
  });

  it('resolves with a fallback value', async () => {
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), { fallback: 'cached' });

    await expect(runner.run(failing(new RemoteError('down')))).resolves.toBe('cached');
  });

  it('accepts undefined as the value', async () => {
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), {
      fallback: undefined,
    });

    await expect(runner.run(failing(new RemoteError('down')))).resolves.toBeUndefined();
  });

  it('calls a fallback function', async () => {
    const received: [unknown, FallbackContext][] = [];
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), {
      fallback: async (error: unknown, context: FallbackContext) => {
        received.push([error, context]);
        return 'computed';
      },
    });
    const failure = new RemoteError('down');
    const controller = new AbortController();
    const operation = Object.assign(failing(failure), { id: 'op-7' });

    await expect(runner.run(operation, { signal: controller.signal, attempt: 3 })).resolves.toBe(
      'computed',
    );

    expect(received).toEqual([
      [failure, { signal: controller.signal, attempt: 3, operationId: 'op-7' }],
    ]);
  });

  it('falls back only for handled errors', async () => {
    const handled: unknown[] = [];
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), {
      fallback: (error: unknown) => {
        handled.push(error);
        return 'fallback';
      },
      shouldHandle: (error) => error instanceof RemoteError,
    });
    const remote = new RemoteError('down');
    const bug = new TypeError('bug in the caller');

    await expect(runner.run(failing(remote))).resolves.toBe('fallback');
    await expect(runner.run(failing(bug))).rejects.toBe(bug);
    await expect(runner.run(failing('a string'))).rejects.toBe('a string');

    expect(handled).toEqual([remote]);
  });

  it('skips the caller abort', async () => {
    const handled: unknown[] = [];
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), {
      fallback: (error: unknown) => handled.push(error),
    });
    const operation = new ManualOperation();
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const call = runner.run(operation, { signal: controller.signal });

    controller.abort(reason);

    await expect(call).rejects.toBe(reason);
    await expect(
      runner.run(new Callback(() => 1), { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(handled).toEqual([]);
    expect(abortListenerCount(controller.signal)).toBe(0);
  });

  it('rejects on abort during fallback', async () => {
    let fallbackSignal: AbortSignal | undefined;
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), {
      fallback: (_error: unknown, { signal }: FallbackContext) => {
        fallbackSignal = signal;
        return new Promise(() => undefined);
      },
    });
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const call = track(runner.run(failing(new Error('down')), { signal: controller.signal }));
    await flushRejections();
    expect(call.outcome.status).toBe('pending');

    controller.abort(reason);
    await flushRejections();

    expect(call.outcome.reason).toBe(reason);
    expect(fallbackSignal).toBe(controller.signal);
  });

  it('rejects when fallback aborts caller', async () => {
    const controller = new AbortController();
    const reason = new Error('fallback gave up');
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), {
      fallback: () => {
        controller.abort(reason);
        return new Promise(() => undefined);
      },
    });

    const call = track(runner.run(failing(new Error('down')), { signal: controller.signal }));
    await flushRejections();

    expect(call.outcome.reason).toBe(reason);
  });

  it('removes its listener after the fallback', async () => {
    const controller = new AbortController();
    const late = new Error('late fallback failure');
    let rejectFallback!: (error: unknown) => void;
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), {
      fallback: () => new Promise((_resolve, reject) => (rejectFallback = reject)),
    });
    const answered = new FallbackOperationRunner(new SimpleOperationRunner(), {
      fallback: () => Promise.resolve('fallback'),
    });

    await expect(
      answered.run(failing(new Error('down')), { signal: controller.signal }),
    ).resolves.toBe('fallback');
    expect(abortListenerCount(controller.signal)).toBe(0);
    const call = track(runner.run(failing(new Error('down')), { signal: controller.signal }));
    await flushRejections();
    controller.abort();
    rejectFallback(late);
    await flushRejections();

    expect((call.outcome.reason as Error).name).toBe('AbortError');
    expect(abortListenerCount(controller.signal)).toBe(0);
  });

  it('skips the caller abort with shouldHandle', async () => {
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), {
      fallback: 'fallback',
      shouldHandle: () => true,
    });
    const reason = new Error('caller gave up');

    await expect(
      runner.run(new Callback(() => 1), { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
  });

  it('rejects when the fallback throws', async () => {
    const fallbackFailure = new Error('cache down too');
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), {
      fallback: () => {
        throw fallbackFailure;
      },
    });

    let result: Promise<unknown> | undefined;
    expect(() => {
      result = runner.run(failing(new RemoteError('down')));
    }).not.toThrow();

    await expect(result).rejects.toBe(fallbackFailure);
  });

  it('rejects when the fallback rejects', async () => {
    const fallbackFailure = new Error('cache down too');
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), {
      fallback: async () => {
        throw fallbackFailure;
      },
    });

    await expect(runner.run(failing(new RemoteError('down')))).rejects.toBe(fallbackFailure);
  });

  it('rejects when shouldHandle throws', async () => {
    const predicateFailure = new Error('predicate failed');
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), {
      fallback: 'fallback',
      shouldHandle: () => {
        throw predicateFailure;
      },
    });

    await expect(runner.run(failing(new RemoteError('down')))).rejects.toBe(predicateFailure);
  });

  it('rejects invalid calls without falling back', async () => {
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), { fallback: 'x' });

    await expect(runner.run(undefined as never)).rejects.toThrow(
      /FallbackOperationRunner.run: `operation` must be an operation/,
    );
    await expect(runner.run(new Callback(() => 1), 3 as never)).rejects.toThrow(TypeError);
    await expect(runner.run(new Callback(() => 1), { signal: 'x' as never })).rejects.toThrow(
      TypeError,
    );
  });

  it('handles a synchronous throw of the inner runner', async () => {
    const failure = new Error('thrown at once');
    const runner = new FallbackOperationRunner(
      {
        run: () => {
          throw failure;
        },
      },
      { fallback: (error: unknown) => error },
    );

    await expect(runner.run(new Callback(() => 1))).resolves.toBe(failure);
  });

  it('adopts thenable from inner runner', async () => {
    const runner = new FallbackOperationRunner(new ThenableRunner(), { fallback: 'fallback' });

    await expect(runner.run(new Callback(() => 'value'))).resolves.toBe('value');
    await expect(runner.run(failing(new Error('down')))).resolves.toBe('fallback');
  });

  it('emits fallback', async () => {
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), { fallback: 0 });
    const events: unknown[] = [];
    runner.events.on('fallback', (event) => events.push(event));
    const failure = new RemoteError('down');

    await runner.run(new Callback(() => 1));
    await runner.run(Object.assign(failing(failure), { id: 'op-1' }));

    expect(events).toEqual([{ error: failure, operationId: 'op-1' }]);
  });

  it('answers for a full bulkhead', async () => {
    const operation = new ManualOperation();
    const bulkhead = new BulkheadOperationRunner(new SimpleOperationRunner(), {
      maxConcurrent: 1,
      clock: new VirtualClock(),
    });
    const runner = new FallbackOperationRunner(bulkhead, {
      fallback: 'busy',
      shouldHandle: (error) => error instanceof BulkheadRejectedError,
    });
    const first = runner.run(operation);

    await expect(runner.run(operation)).resolves.toBe('busy');

    operation.executions[0]!.resolve('first');
    await expect(first).resolves.toBe('first');
  });

  it('rejects invalid options', () => {
    const runner = new SimpleOperationRunner();
    const cases: [unknown, unknown, RegExp][] = [
      [{}, { fallback: 1 }, /`runner` must be an operation runner/],
      [runner, undefined, /`options` must be an object, received undefined/],
      [runner, [], /`options` must be an object, received an array/],
      [runner, {}, /`fallback` is missing/],
      [
        runner,
        { fallback: 1, shouldHandle: true },
        /`shouldHandle` must be a function, received true/,
      ],
    ];
    for (const [inner, options, message] of cases) {
      const create = (): unknown => new FallbackOperationRunner(inner as never, options as never);
      expect(create).toThrow(/^FallbackOperationRunner: /);
      expect(create).toThrow(message);
    }
  });
});
