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
 */
export class PendingCalls {
  readonly #calls = new Map<unknown, PendingCall[]>();

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

  /** Removes `call`, when its operation could not be added or will not run. */
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

  /** Settles the oldest call for `operation` with `value`, if any call waits for it. */
  resolve(operation: Operation, value: unknown): void {
    this.#shift(operation)?.resolve(value);
  }

  /** Settles the oldest call for `operation` with `error`, if any call waits for it. */
  reject(operation: Operation, error: unknown): void {
    this.#shift(operation)?.reject(error);
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
