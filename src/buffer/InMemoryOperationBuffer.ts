import type { Operation } from '../operation/Operation.js';
import { assertOperation } from '../operation/assertOperation.js';
import type { OperationBuffer } from './OperationBuffer.js';

const INITIAL_CAPACITY = 16;

/**
 * A first-in, first-out buffer in memory, on a ring of slots whose capacity doubles when full
 * and halves when three quarters empty, so that `add` and `pop` take constant amortized time
 * at any size. Its contents are lost with the process; use a durable buffer to keep them.
 */
export class InMemoryOperationBuffer implements OperationBuffer {
  #slots: (Operation | undefined)[] = new Array<Operation | undefined>(INITIAL_CAPACITY);
  #head = 0;
  #size = 0;

  add(operation: Operation): void {
    assertOperation('InMemoryOperationBuffer.add', 'operation', operation);
    if (this.#size === this.#slots.length) {
      this.#resize(this.#slots.length * 2);
    }
    this.#slots[(this.#head + this.#size) & (this.#slots.length - 1)] = operation;
    this.#size++;
  }

  current(): Operation | undefined {
    return this.#size === 0 ? undefined : this.#slots[this.#head];
  }

  pop(): Operation | undefined {
    if (this.#size === 0) {
      return undefined;
    }
    const operation = this.#slots[this.#head];
    this.#slots[this.#head] = undefined;
    this.#head = (this.#head + 1) & (this.#slots.length - 1);
    this.#size--;
    if (this.#slots.length > INITIAL_CAPACITY && this.#size <= this.#slots.length / 4) {
      this.#resize(this.#slots.length / 2);
    }
    return operation;
  }

  size(): number {
    return this.#size;
  }

  /** Copies the operations, head first, into a ring of `capacity` slots (a power of two). */
  #resize(capacity: number): void {
    const slots = new Array<Operation | undefined>(capacity);
    for (let index = 0; index < this.#size; index++) {
      slots[index] = this.#slots[(this.#head + index) & (this.#slots.length - 1)];
    }
    this.#slots = slots;
    this.#head = 0;
  }
}
