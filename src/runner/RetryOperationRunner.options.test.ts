import { describe, expect, it, onTestFinished } from 'vitest';
import { ConstantBackoff } from '../backoff/ConstantBackoff.js';
import { ExponentialBackoff } from '../backoff/ExponentialBackoff.js';
import { VirtualClock } from '../clock/VirtualClock.js';
import { Callback } from '../operation/Callback.js';
import { RetryOperationRunner } from './RetryOperationRunner.js';
import type { RetryOperationRunnerOptions } from './RetryOperationRunnerOptions.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';

const inner = new SimpleOperationRunner();

function construct(options: unknown): () => RetryOperationRunner {
  return () => new RetryOperationRunner(inner, options as RetryOperationRunnerOptions);
}

describe('RetryOperationRunner options', () => {
  it.each<[string, unknown, typeof RangeError | typeof TypeError, RegExp]>([
    ['zero attempts', { maxAttempts: 0 }, RangeError, /`maxAttempts` .*from 1.*received 0\./],
    ['negative attempts', { maxAttempts: -2 }, RangeError, /`maxAttempts` .*received -2\./],
    ['fractional attempts', { maxAttempts: 2.5 }, RangeError, /`maxAttempts` .*integer.*2\.5\./],
    ['NaN attempts', { maxAttempts: NaN }, RangeError, /`maxAttempts` .*received NaN\./],
    ['attempts as a string', { maxAttempts: '3' }, TypeError, /`maxAttempts` .*received "3"\./],
    ['a negative cap', { maxDelayMs: -1 }, RangeError, /`maxDelayMs` .*received -1\./],
    ['an infinite cap', { maxDelayMs: Infinity }, RangeError, /`maxDelayMs` .*Infinity\./],
    ['a NaN budget', { maxElapsedMs: NaN }, RangeError, /`maxElapsedMs` .*received NaN\./],
    ['a negative budget', { maxElapsedMs: -5 }, RangeError, /`maxElapsedMs` .*received -5\./],
    ['a backoff without start', { backoff: {} }, TypeError, /`backoff` must be a backoff/],
    ['a clock without now', { clock: {} }, TypeError, /`clock` must be a clock/],
    ['a waiter without sleep', { waiter: 5 }, TypeError, /`waiter` must be a waiter.*5\./],
    ['a predicate string', { shouldRetry: 'yes' }, TypeError, /`shouldRetry` .*"yes"\./],
    ['a result predicate', { shouldRetryResult: 1 }, TypeError, /`shouldRetryResult` .*1\./],
    ['a retryAfter object', { retryAfter: {} }, TypeError, /`retryAfter` must be a function/],
    ['an onRetry number', { onRetry: 3 }, TypeError, /`onRetry` must be a function/],
    ['an onGiveUp string', { onGiveUp: 'x' }, TypeError, /`onGiveUp` must be a function/],
    ['options as a number', 7, TypeError, /`options` must be an object, received 7\./],
  ])('rejects %s', (_case, options, errorClass, message) => {
    expect(construct(options)).toThrow(errorClass);
    expect(construct(options)).toThrow(/^RetryOperationRunner: /);
    expect(construct(options)).toThrow(message);
  });

  it('rejects a runner without run', () => {
    expect(() => new RetryOperationRunner({} as never)).toThrow(TypeError);
    expect(() => new RetryOperationRunner({} as never)).toThrow(
      /^RetryOperationRunner: `runner` must be an operation runner/,
    );
  });

  it('accepts Infinity attempts', () => {
    expect(construct({ maxAttempts: Infinity })).not.toThrow();
  });

  it('leaves the caller options unchanged', () => {
    const options = { maxAttempts: 2 };
    construct(options)();

    expect(options).toEqual({ maxAttempts: 2 });
  });

  it('takes the cap of the backoff by default', async () => {
    const runner = new RetryOperationRunner(inner, {
      maxAttempts: 2,
      backoff: new ExponentialBackoff({ initialDelayMs: 10, maxDelayMs: 10 }),
      waiter: { sleep: () => Promise.resolve() },
      retryAfter: () => 1e9,
    });
    const delays: number[] = [];
    runner.events.on('retry', ({ delayMs }) => delays.push(delayMs));

    await expect(
      runner.run(new Callback(() => Promise.reject(new Error('down')))),
    ).rejects.toThrow();
    expect(delays).toEqual([10]);
  });
});

describe('RetryOperationRunner.run input', () => {
  const runner = new RetryOperationRunner(inner);

  it('rejects a non-operation without throwing', async () => {
    const result = runner.run(null as never);

    await expect(result).rejects.toThrow(TypeError);
    await expect(result).rejects.toThrow(/^RetryOperationRunner\.run: `operation` must be/);
  });

  it.each([0, 1.5, -1, NaN])('rejects attempt %s without throwing', async (attempt) => {
    const result = runner.run(new Callback(() => 1), { attempt });

    await expect(result).rejects.toThrow(RangeError);
    await expect(result).rejects.toThrow(/^RetryOperationRunner\.run: `attempt` /);
  });

  it('rejects a signal that is not an AbortSignal', async () => {
    const result = runner.run(new Callback(() => 1), { signal: 'stop' as never });

    await expect(result).rejects.toThrow(TypeError);
    await expect(result).rejects.toThrow(/^RetryOperationRunner\.run: `signal` must be/);
  });

  it('settles when options throw on a retry', async () => {
    const clock = new VirtualClock();
    const retry = new RetryOperationRunner(new SimpleOperationRunner(), {
      clock,
      maxAttempts: 2,
      backoff: new ConstantBackoff({ delayMs: 10 }),
    });
    const signal = new AbortController().signal;
    let attempted = false;
    // Throws once the first attempt ran, when the runner builds the second attempt's options.
    const options = {
      get signal() {
        if (attempted) {
          throw new Error('options getter');
        }
        return signal;
      },
    };
    const unhandled: unknown[] = [];
    const trap = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', trap);
    onTestFinished(() => {
      process.off('unhandledRejection', trap);
    });

    const operation = new Callback(() => {
      attempted = true;
      return Promise.reject(new Error('down'));
    });
    const result = retry.run(operation, options).catch((error: unknown) => error);
    await clock.runAll();

    expect(await result).toEqual(new Error('options getter'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });
});
