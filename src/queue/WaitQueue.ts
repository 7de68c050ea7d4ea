import { onAbort } from '../signal/onAbort.js';

/** The view of a waiting call that a {@link WaitQueue} exposes. */
export interface QueuedCall<Tag> {
  /** The clock time at which the call was added. */
  readonly enqueuedAt: number;
  /** The data the owner attached to the call, such as its operation's id. */
  readonly tag: Tag;
}

/** One caller waiting in a {@link WaitQueue}: a node of its doubly linked list. */
interface WaitingCall<Tag> extends QueuedCall<Tag> {
  readonly signal: AbortSignal | undefined;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  removeAbortCallback: (() => void) | undefined;
  previous: WaitingCall<Tag> | undefined;
  next: WaitingCall<Tag> | undefined;
}

/**
 * A first-in, first-out queue of callers waiting for a permit, such as a bulkhead slot. Each
 * waiter is a promise that resolves when it reaches the head and is granted, or rejects when
 * it is rejected or when its caller's signal aborts. Adding, granting, rejecting and leaving
 * on abort all take constant time, because the queue is a doubly linked list.
 */
export class WaitQueue<Tag = undefined> {
  #head: WaitingCall<Tag> | undefined;
  #tail: WaitingCall<Tag> | undefined;
  #size = 0;
  readonly #onAbandon: (() => void) | undefined;

  /**
   * @param onAbandon called after a waiter left the queue because its caller aborted, so that
   *   the owner can clear a timer that only that waiter needed
   */
  constructor(onAbandon?: () => void) {
    this.#onAbandon = onAbandon;
  }

  /** The number of waiters in the queue. */
  get size(): number {
    return this.#size;
  }

  /** Returns the head waiter, or `undefined` when the queue is empty. */
  peek(): QueuedCall<Tag> | undefined {
    return this.#head;
  }

  /**
   * Adds a waiter at the tail and returns its promise. When `signal` aborts, the waiter leaves
   * the queue at once and the promise rejects with the signal's reason. The caller must check
   * that `signal` is not already aborted.
   */
  enqueue(enqueuedAt: number, signal: AbortSignal | undefined, tag: Tag): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const call: WaitingCall<Tag> = {
        enqueuedAt,
        tag,
        signal,
        resolve,
        reject,
        removeAbortCallback: undefined,
        previous: this.#tail,
        next: undefined,
      };
      if (signal !== undefined) {
        call.removeAbortCallback = onAbort(signal, () => this.#abandon(call));
      }
      this.#append(call);
    });
  }

  /** Removes the head waiter, if any, and resolves its promise. */
  grantNext(): void {
    const call = this.#head;
    if (call !== undefined) {
      this.#remove(call);
      call.resolve();
    }
  }

  /**
   * Removes the head waiter, if any, and rejects its promise with the error that
   * `createError` returns for it. `createError` runs after the removal, so `size` no longer
   * counts the waiter.
   */
  rejectNext(createError: (call: QueuedCall<Tag>) => unknown): void {
    const call = this.#head;
    if (call !== undefined) {
      this.#remove(call);
      call.reject(createError(call));
    }
  }

  #abandon(call: WaitingCall<Tag>): void {
    this.#remove(call);
    call.reject(call.signal?.reason);
    this.#onAbandon?.();
  }

  #append(call: WaitingCall<Tag>): void {
    if (this.#tail === undefined) {
      this.#head = call;
    } else {
      this.#tail.next = call;
    }
    this.#tail = call;
    this.#size++;
  }

  /** Unlinks `call` and removes its abort callback. */
  #remove(call: WaitingCall<Tag>): void {
    if (call.previous === undefined) {
      this.#head = call.next;
    } else {
      call.previous.next = call.next;
    }
    if (call.next === undefined) {
      this.#tail = call.previous;
    } else {
      call.next.previous = call.previous;
    }
    call.previous = undefined;
    call.next = undefined;
    this.#size--;
    if (call.removeAbortCallback !== undefined) {
      call.removeAbortCallback();
      call.removeAbortCallback = undefined;
    }
  }
}
