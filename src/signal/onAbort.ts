/** Removes the callback it was returned for; calling it again does nothing. */
export type RemoveAbortCallback = () => void;

/** One registered callback: a node of its signal's doubly linked list. */
interface AbortCallbackNode {
  /** `undefined` once the callback was called or removed. */
  callback: (() => void) | undefined;
  previous: AbortCallbackNode | undefined;
  next: AbortCallbackNode | undefined;
}

/**
 * The callbacks registered on one signal. The list itself is the signal's only 'abort'
 * listener (through `handleEvent`), and it stays on the signal only while it contains a callback.
 */
class AbortCallbackList {
  readonly #signal: AbortSignal;
  #head: AbortCallbackNode | undefined;
  #tail: AbortCallbackNode | undefined;
  #dispatched = false;

  constructor(signal: AbortSignal) {
    this.#signal = signal;
    signal.addEventListener('abort', this);
  }

  append(callback: () => void): AbortCallbackNode {
    const node: AbortCallbackNode = { callback, previous: this.#tail, next: undefined };
    if (this.#tail === undefined) {
      this.#head = node;
    } else {
      this.#tail.next = node;
    }
    this.#tail = node;
    return node;
  }

  /** Unlinks `node`, and releases the signal's listener once no callback is left. */
  remove(node: AbortCallbackNode): void {
    if (node.callback === undefined) {
      return;
    }
    node.callback = undefined;
    if (node.previous === undefined) {
      this.#head = node.next;
    } else {
      node.previous.next = node.next;
    }
    if (node.next === undefined) {
      this.#tail = node.previous;
    } else {
      node.next.previous = node.previous;
    }
    // `node.next` is kept, so that a dispatch standing on `node` can still move on.
    if (this.#head === undefined && !this.#dispatched) {
      callbackLists.delete(this.#signal);
      this.#signal.removeEventListener('abort', this);
    }
  }

  /**
   * Calls each callback once, in registration order. A callback removed by an earlier one is
   * skipped, and an error thrown by one is rethrown on a later tick without stopping the rest.
   */
  handleEvent(): void {
    this.#dispatched = true;
    callbackLists.delete(this.#signal);
    this.#signal.removeEventListener('abort', this);
    let node = this.#head;
    while (node !== undefined) {
      const { callback } = node;
      node.callback = undefined;
      callAndReport(callback);
      node = node.next;
    }
    this.#head = undefined;
    this.#tail = undefined;
  }
}

const callbackLists = new WeakMap<AbortSignal, AbortCallbackList>();

const doNothing: RemoveAbortCallback = () => undefined;

/**
 * Registers `callback` to run once when `signal` aborts, and returns the function that removes
 * it. All callbacks on one signal share a single 'abort' listener, so that many concurrent
 * calls on a shared signal neither trigger Node.js's `MaxListenersExceededWarning` nor pay for
 * an `addEventListener` each. The listener is removed when the last callback is removed.
 *
 * The callbacks run in registration order, at the place of that shared listener among the
 * signal's other listeners. One that throws does not stop the others: its error is rethrown
 * on a later tick, where it surfaces as an uncaught exception.
 *
 * NOTE: a callback registered on a signal that is already aborted (including from inside
 * another callback) is never called. Callers check `signal.aborted` themselves.
 *
 * @example
 * const removeAbortCallback = onAbort(signal, () => reject(signal.reason));
 * // once the work settled:
 * removeAbortCallback();
 */
export function onAbort(signal: AbortSignal, callback: () => void): RemoveAbortCallback {
  if (signal.aborted) {
    return doNothing;
  }
  let list = callbackLists.get(signal);
  if (list === undefined) {
    list = new AbortCallbackList(signal);
    callbackLists.set(signal, list);
  }
  const node = list.append(callback);
  const owner = list;
  return () => owner.remove(node);
}

function callAndReport(callback: (() => void) | undefined): void {
  try {
    callback?.();
  } catch (error) {
    process.nextTick(() => {
      throw error;
    });
  }
}
