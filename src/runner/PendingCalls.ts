import type { Operation } from '../operation/Operation.js';
import { operationIdOf } from '../operation/operationIdOf.js';

/** One `run()` call waiting for its operation to leave the buffer. */
export interface PendingCall {
  readonly promise: Promise<unknown>;
  settled: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * The `run()` calls waiting on buffered operations, matched to the operations a drain runs.
 * A stored operation is matched by its id, since a durable buffer gives back a new object;
 * any other operation by identity. Calls for the same operation are served first in, first
 * out, which matches the buffer's order.
 *
 * An entry stays in the buffer after its call was rejected as kept. Such entries are counted
 * per operation. They are older than the entries of the calls still waiting, so a drain that
 * runs the operation reaches them first and settles no call with them: no call gets the
 * result or the failure of another call's entry.
 *
 * NOTE: the count assumes that an entry leaves the buffer only through a runner sharing these
 * calls (the runners on one buffer object), after a success (`resolve`) or to the dead letters
 * (`discard`). An entry removed another way leaves its count behind.
 */
export class PendingCalls {
  readonly #calls = new Map<unknown, PendingCall[]>();
  /** The number of entries of each operation that are in the buffer without a waiting call. */
  readonly #keptEntries = new Map<unknown, number>();

  /** Registers a call for `operation` and returns it. */
  add(operation: Operation): PendingCall {
    const call = createPendingCall();
    const key = keyOf(operation);
    const queue = this.#calls.get(key);
    if (queue === undefined) {
      this.#calls.set(key, [call]);
    } else {
      queue.push(call);
    }
    return call;
  }

  /** Removes `call`, when its operation could not be added or is no longer in the buffer. */
  remove(operation: Operation, call: PendingCall): void {
    const key = keyOf(operation);
    const queue = this.#calls.get(key);
    const index = queue?.indexOf(call) ?? -1;
    if (queue !== undefined && index >= 0) {
      queue.splice(index, 1);
      if (queue.length === 0) {
        this.#calls.delete(key);
      }
    }
  }

  /** Removes `call`, which was rejected while its operation stays in the buffer. */
  detach(operation: Operation, call: PendingCall): void {
    this.remove(operation, call);
    this.#countKeptEntry(keyOf(operation), 1);
  }

  /**
   * Settles the call whose entry of `operation` left the buffer with `value`: none when that
   * entry was kept from an earlier call, else the oldest call waiting for `operation`.
   */
  resolve(operation: Operation, value: unknown): void {
    const key = keyOf(operation);
    if (this.#keptEntries.has(key)) {
      this.#countKeptEntry(key, -1);
      return;
    }
    this.#shift(operation)?.resolve(value);
  }

  /**
   * Rejects the call whose entry of `operation` failed and stays in the buffer: none when that
   * entry was kept from an earlier call, else the oldest call waiting for `operation`.
   */
  reject(operation: Operation, error: unknown): void {
    const key = keyOf(operation);
    if (this.#keptEntries.has(key)) {
      return;
    }
    const call = this.#shift(operation);
    if (call !== undefined) {
      call.reject(error);
      this.#countKeptEntry(key, 1);
    }
  }

  /**
   * Rejects the call whose entry of `operation` left the buffer without succeeding, such as an
   * entry moved to the dead letters: none when that entry was kept from an earlier call, else
   * the oldest call waiting for `operation`.
   */
  discard(operation: Operation, error: unknown): void {
    const key = keyOf(operation);
    if (this.#keptEntries.has(key)) {
      this.#countKeptEntry(key, -1);
      return;
    }
    this.#shift(operation)?.reject(error);
  }

  #countKeptEntry(key: unknown, change: 1 | -1): void {
    const count = (this.#keptEntries.get(key) ?? 0) + change;
    if (count > 0) {
      this.#keptEntries.set(key, count);
    } else {
      this.#keptEntries.delete(key);
    }
  }

  #shift(operation: Operation): PendingCall | undefined {
    const key = keyOf(operation);
    const queue = this.#calls.get(key);
    const call = queue?.shift();
    if (queue?.length === 0) {
      this.#calls.delete(key);
    }
    return call;
  }
}

function keyOf(operation: Operation): unknown {
  return operationIdOf(operation) ?? operation;
}

function createPendingCall(): PendingCall {
  let resolvePromise!: (value: unknown) => void;
  let rejectPromise!: (error: unknown) => void;
  const promise = new Promise<unknown>((resolve, reject) => {
    resolvePromise = resolve;
    rejectPromise = reject;
  });
  const call: PendingCall = {
    promise,
    settled: false,
    resolve(value) {
      call.settled = true;
      resolvePromise(value);
    },
    reject(error) {
      call.settled = true;
      rejectPromise(error);
    },
  };
  return call;
}
