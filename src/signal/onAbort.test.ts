import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onAbort } from './onAbort.js';
import { captureNextTicks } from '../events/captureNextTicks.testkit.js';

function abortListenerCount(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('onAbort', () => {
  it('calls callbacks in registration order', () => {
    const controller = new AbortController();
    const calls: number[] = [];
    for (const id of [1, 2, 3]) {
      onAbort(controller.signal, () => calls.push(id));
    }

    controller.abort();

    expect(calls).toEqual([1, 2, 3]);
  });

  it('calls each callback once', () => {
    const controller = new AbortController();
    const callback = vi.fn();
    onAbort(controller.signal, callback);

    controller.abort();
    controller.signal.dispatchEvent(new Event('abort'));

    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('sees the abort reason', () => {
    const controller = new AbortController();
    const reason = new Error('shutdown');
    let seen: unknown;
    onAbort(controller.signal, () => {
      seen = controller.signal.reason;
    });

    controller.abort(reason);

    expect(seen).toBe(reason);
  });

  it('skips a removed callback', () => {
    const controller = new AbortController();
    const kept = vi.fn();
    const removed = vi.fn();
    onAbort(controller.signal, kept);
    const remove = onAbort(controller.signal, removed);

    remove();
    controller.abort();

    expect(kept).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
  });

  it('skips a callback removed during dispatch', () => {
    const controller = new AbortController();
    const calls: string[] = [];
    onAbort(controller.signal, () => {
      calls.push('first');
      removeSecond();
    });
    const removeSecond = onAbort(controller.signal, () => calls.push('second'));
    onAbort(controller.signal, () => calls.push('third'));

    controller.abort();

    expect(calls).toEqual(['first', 'third']);
  });

  it('continues after a callback removes itself', () => {
    const controller = new AbortController();
    const calls: string[] = [];
    const removeFirst = onAbort(controller.signal, () => {
      calls.push('first');
      removeFirst();
    });
    onAbort(controller.signal, () => calls.push('second'));

    controller.abort();

    expect(calls).toEqual(['first', 'second']);
  });

  it('adds one listener for many callbacks', () => {
    const controller = new AbortController();
    const calls: number[] = [];
    for (let id = 0; id < 1000; id++) {
      onAbort(controller.signal, () => calls.push(id));
    }

    expect(abortListenerCount(controller.signal)).toBe(1);
    controller.abort();
    expect(calls).toHaveLength(1000);
    expect(calls[999]).toBe(999);
  });

  it('removes the listener with the last callback', () => {
    const controller = new AbortController();
    const removeFirst = onAbort(controller.signal, vi.fn());
    const removeSecond = onAbort(controller.signal, vi.fn());

    removeFirst();
    expect(abortListenerCount(controller.signal)).toBe(1);
    removeSecond();
    expect(abortListenerCount(controller.signal)).toBe(0);
  });

  it('adds the listener again after emptying', () => {
    const controller = new AbortController();
    onAbort(controller.signal, vi.fn())();
    const callback = vi.fn();
    onAbort(controller.signal, callback);

    expect(abortListenerCount(controller.signal)).toBe(1);
    controller.abort();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('remove is idempotent', () => {
    const controller = new AbortController();
    const remove = onAbort(controller.signal, vi.fn());
    const other = vi.fn();
    onAbort(controller.signal, other);

    remove();
    remove();

    expect(abortListenerCount(controller.signal)).toBe(1);
    controller.abort();
    expect(other).toHaveBeenCalledTimes(1);
  });

  it('removes after abort without effect', () => {
    const controller = new AbortController();
    const remove = onAbort(controller.signal, vi.fn());

    controller.abort();

    expect(() => remove()).not.toThrow();
    expect(abortListenerCount(controller.signal)).toBe(0);
  });

  it('ignores an already aborted signal', () => {
    const controller = new AbortController();
    controller.abort();
    const callback = vi.fn();

    onAbort(controller.signal, callback)();

    expect(callback).not.toHaveBeenCalled();
    expect(abortListenerCount(controller.signal)).toBe(0);
  });

  it('ignores a callback added during dispatch', () => {
    const controller = new AbortController();
    const late = vi.fn();
    onAbort(controller.signal, () => onAbort(controller.signal, late));

    controller.abort();

    expect(late).not.toHaveBeenCalled();
    expect(abortListenerCount(controller.signal)).toBe(0);
  });

  it('rethrows a callback error later', () => {
    const scheduled = captureNextTicks();
    const controller = new AbortController();
    const error = new Error('callback failed');
    const after = vi.fn();
    onAbort(controller.signal, () => {
      throw error;
    });
    onAbort(controller.signal, after);

    controller.abort();

    expect(after).toHaveBeenCalledTimes(1);
    expect(scheduled).toHaveLength(1);
    expect(() => scheduled[0]?.()).toThrow(error);
  });

  it('keeps signals apart', () => {
    const first = new AbortController();
    const second = new AbortController();
    const onFirst = vi.fn();
    const onSecond = vi.fn();
    onAbort(first.signal, onFirst);
    onAbort(second.signal, onSecond);

    first.abort();

    expect(onFirst).toHaveBeenCalledTimes(1);
    expect(onSecond).not.toHaveBeenCalled();
    expect(abortListenerCount(second.signal)).toBe(1);
  });

  it('emits no listener-count warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning);
    };
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const removers = Array.from({ length: 1000 }, () => onAbort(controller.signal, vi.fn()));
      // Node.js emits process warnings on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
      for (const remove of removers) {
        remove();
      }
    } finally {
      process.off('warning', onWarning);
    }

    expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
  });
});
