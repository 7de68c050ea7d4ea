import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, expect } from 'vitest';
import type { Operation } from '../operation/Operation.js';
import type { OperationContext } from '../operation/OperationContext.js';

/** One execution of a {@link ManualOperation}, which the test settles by hand. */
export interface ManualExecution {
  readonly context: OperationContext;
  readonly settled: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * An operation whose every execution waits until the test settles it, and rejects with the
 * signal's reason when its signal aborts first. `running` counts unsettled executions.
 */
export class ManualOperation implements Operation {
  readonly executions: ManualExecution[] = [];
  #running = 0;
  #maxRunning = 0;

  /** The number of executions not settled yet. */
  get running(): number {
    return this.#running;
  }

  /** The largest number of executions that were running at once. */
  get maxRunning(): number {
    return this.#maxRunning;
  }

  execute(context: OperationContext): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => execution.reject(context.signal.reason);
      const finish = (): boolean => {
        if (execution.settled) {
          return false;
        }
        execution.settled = true;
        this.#running--;
        context.signal.removeEventListener('abort', onAbort);
        return true;
      };
      const execution = {
        context,
        settled: false,
        resolve: (value: unknown): void => {
          if (finish()) {
            resolve(value);
          }
        },
        reject: (error: unknown): void => {
          if (finish()) {
            reject(error);
          }
        },
      };
      this.executions.push(execution);
      this.#running++;
      this.#maxRunning = Math.max(this.#maxRunning, this.#running);
      context.signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** Collects the reasons of unhandled promise rejections until `dispose` is called. */
export function trapUnhandledRejections(): { readonly reasons: unknown[]; dispose(): void } {
  const reasons: unknown[] = [];
  const listener = (reason: unknown): void => {
    reasons.push(reason);
  };
  process.on('unhandledRejection', listener);
  return { reasons, dispose: () => process.off('unhandledRejection', listener) };
}

/** Waits until Node.js has reported any unhandled rejection of the promises settled so far. */
export function flushRejections(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Returns the number of `abort` listeners on `signal`. */
export function abortListenerCount(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}

/** Settles `promise` into a record, so that a test can inspect it without awaiting it. */
export function track<T>(promise: Promise<T>): {
  readonly promise: Promise<T>;
  readonly outcome: { status: 'pending' | 'fulfilled' | 'rejected'; value?: T; reason?: unknown };
} {
  const outcome: { status: 'pending' | 'fulfilled' | 'rejected'; value?: T; reason?: unknown } = {
    status: 'pending',
  };
  promise.then(
    (value) => {
      outcome.status = 'fulfilled';
      outcome.value = value;
    },
    (reason: unknown) => {
      outcome.status = 'rejected';
      outcome.reason = reason;
    },
  );
  return { promise, outcome };
}

/**
 * Registers hooks that trap unhandled promise rejections during each test of the file, and fail
 * the test when any occurred.
 */
export function expectNoUnhandledRejections(): void {
  let unhandled: ReturnType<typeof trapUnhandledRejections> | undefined;

  beforeEach(() => {
    unhandled = trapUnhandledRejections();
  });

  afterEach(async () => {
    await flushRejections();
    unhandled?.dispose();
    expect(unhandled?.reasons).toEqual([]);
  });
}
