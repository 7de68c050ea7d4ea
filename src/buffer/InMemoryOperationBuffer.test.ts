import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Callback } from '../operation/Callback.js';
import type { Operation } from '../operation/Operation.js';
import { InMemoryOperationBuffer } from './InMemoryOperationBuffer.js';

/** A reference first-in, first-out queue: an array read from a moving head index. */
class ReferenceQueue {
  readonly #items: Operation[] = [];
  #head = 0;

  add(operation: Operation): void {
    this.#items.push(operation);
  }

  current(): Operation | undefined {
    return this.#items[this.#head];
  }

  pop(): Operation | undefined {
    const operation = this.#items[this.#head];
    if (operation !== undefined) {
      this.#head++;
    }
    return operation;
  }

  size(): number {
    return this.#items.length - this.#head;
  }
}

function numbered(count: number): Operation<number>[] {
  return Array.from({ length: count }, (_, index) => new Callback(() => index));
}

interface Comparison {
  /** The number of adds and pops applied. */
  readonly operations: number;
  /** The largest size the queues reached. */
  readonly maxSize: number;
  /** The first step where the buffer differed from the reference, if any. */
  readonly mismatch: string | undefined;
}

/**
 * Applies `steps` to the buffer and to a reference queue, comparing them after every add and
 * pop. A positive step adds that many new operations and a negative one pops that many.
 */
function compareWithReference(steps: readonly number[]): Comparison {
  const buffer = new InMemoryOperationBuffer();
  const reference = new ReferenceQueue();
  let operations = 0;
  let maxSize = 0;
  for (const step of steps) {
    for (let count = 0; count < Math.abs(step); count++) {
      const mismatch = applyStep(buffer, reference, step > 0 ? 'add' : 'pop');
      operations++;
      if (mismatch !== undefined) {
        return { operations, maxSize, mismatch: `after ${operations} operations: ${mismatch}` };
      }
      maxSize = Math.max(maxSize, reference.size());
    }
  }
  return { operations, maxSize, mismatch: undefined };
}

function applyStep(
  buffer: InMemoryOperationBuffer,
  reference: ReferenceQueue,
  step: 'add' | 'pop',
): string | undefined {
  if (step === 'add') {
    const operation = new Callback(() => reference.size());
    buffer.add(operation);
    reference.add(operation);
  } else if (buffer.pop() !== reference.pop()) {
    return 'pop returned another operation';
  }
  if (buffer.size() !== reference.size()) {
    return `size ${buffer.size()} instead of ${reference.size()}`;
  }
  if (buffer.current() !== reference.current()) {
    return 'current returned another operation';
  }
  return undefined;
}

type Model = { readonly queue: ReferenceQueue };

class AddCommand implements fc.Command<Model, InMemoryOperationBuffer> {
  check(): boolean {
    return true;
  }

  run(model: Model, buffer: InMemoryOperationBuffer): void {
    const operation = new Callback(() => 'added');
    buffer.add(operation);
    model.queue.add(operation);
    expect(buffer.size()).toBe(model.queue.size());
  }

  toString(): string {
    return 'add';
  }
}

class PopCommand implements fc.Command<Model, InMemoryOperationBuffer> {
  check(): boolean {
    return true;
  }

  run(model: Model, buffer: InMemoryOperationBuffer): void {
    expect(buffer.pop()).toBe(model.queue.pop());
    expect(buffer.size()).toBe(model.queue.size());
  }

  toString(): string {
    return 'pop';
  }
}

class CurrentCommand implements fc.Command<Model, InMemoryOperationBuffer> {
  check(): boolean {
    return true;
  }

  run(model: Model, buffer: InMemoryOperationBuffer): void {
    expect(buffer.current()).toBe(model.queue.current());
  }

  toString(): string {
    return 'current';
  }
}

describe('InMemoryOperationBuffer', () => {
  it('starts empty', () => {
    const buffer = new InMemoryOperationBuffer();

    expect(buffer.size()).toBe(0);
    expect(buffer.current()).toBeUndefined();
    expect(buffer.pop()).toBeUndefined();
    expect(buffer.size()).toBe(0);
  });

  it('keeps first in, first out order', () => {
    const buffer = new InMemoryOperationBuffer();
    const [first, second, third] = numbered(3);

    buffer.add(first!);
    buffer.add(second!);
    buffer.add(third!);

    expect(buffer.size()).toBe(3);
    expect(buffer.pop()).toBe(first);
    expect(buffer.pop()).toBe(second);
    expect(buffer.pop()).toBe(third);
    expect(buffer.pop()).toBeUndefined();
  });

  it('current reads the head without removing it', () => {
    const buffer = new InMemoryOperationBuffer();
    const [first, second] = numbered(2);
    buffer.add(first!);
    buffer.add(second!);

    expect(buffer.current()).toBe(first);
    expect(buffer.current()).toBe(first);
    expect(buffer.size()).toBe(2);
  });

  it('keeps the same operation added twice', () => {
    const buffer = new InMemoryOperationBuffer();
    const [operation] = numbered(1);

    buffer.add(operation!);
    buffer.add(operation!);

    expect(buffer.size()).toBe(2);
    expect(buffer.pop()).toBe(operation);
    expect(buffer.pop()).toBe(operation);
    expect(buffer.size()).toBe(0);
  });

  it('keeps order across growth', () => {
    const buffer = new InMemoryOperationBuffer();
    const operations = numbered(1_000);

    operations.forEach((operation) => buffer.add(operation));
    const popped = operations.map(() => buffer.pop());

    expect(popped).toEqual(operations);
    expect(buffer.size()).toBe(0);
  });

  it('keeps order when the ring wraps', () => {
    const buffer = new InMemoryOperationBuffer();
    const operations = numbered(100);
    const popped: (Operation | undefined)[] = [];

    // Ten in flight at any time, so the head and tail pass the end of the ring many times.
    operations.slice(0, 10).forEach((operation) => buffer.add(operation));
    for (const operation of operations.slice(10)) {
      popped.push(buffer.pop());
      buffer.add(operation);
    }
    while (buffer.size() > 0) {
      popped.push(buffer.pop());
    }

    expect(popped).toEqual(operations);
  });

  it('keeps order when a wrapped ring grows', () => {
    const { operations, maxSize, mismatch } = compareWithReference([12, -10, 40, -30, 200, -222]);

    expect(mismatch).toBeUndefined();
    expect(operations).toBe(514);
    expect(maxSize).toBe(212);
  });

  it('matches a reference queue over 100k operations', () => {
    // Grows to 30,000 in steps, shrinks to empty, then churns at sizes around the ring's
    // capacity boundaries so that it grows, shrinks and wraps many times.
    const steps: number[] = [];
    for (let round = 0; round < 30; round++) {
      steps.push(1_000 + round, -(300 + round));
    }
    steps.push(-100_000);
    for (let round = 0; round < 2_000; round++) {
      steps.push((round % 70) + 1, -((round * 7) % 50));
    }

    const { operations, maxSize, mismatch } = compareWithReference(steps);

    expect(mismatch).toBeUndefined();
    expect(operations).toBeGreaterThan(100_000);
    expect(maxSize).toBeGreaterThan(20_000);
  });

  it('matches a reference queue for random steps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -300, max: 300 }), { minLength: 1, maxLength: 200 }),
        (steps) => compareWithReference(steps).mismatch === undefined,
      ),
      { numRuns: 60 },
    );
  });

  it('matches a model for random commands', () => {
    const commands = [
      fc.constant(new AddCommand()),
      fc.constant(new AddCommand()),
      fc.constant(new PopCommand()),
      fc.constant(new CurrentCommand()),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 2_000, size: 'max' }), (sequence) => {
        const setup = (): { model: Model; real: InMemoryOperationBuffer } => ({
          model: { queue: new ReferenceQueue() },
          real: new InMemoryOperationBuffer(),
        });
        fc.modelRun(setup, sequence);
      }),
      { numRuns: 100 },
    );
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a function', () => 'not wrapped'],
    ['"task"', 'task'],
  ])('rejects %s as the operation', (described, value) => {
    const buffer = new InMemoryOperationBuffer();
    const add = (): void => buffer.add(value as never);

    expect(add).toThrow(TypeError);
    expect(add).toThrow('InMemoryOperationBuffer.add: `operation` must be an operation');
    expect(add).toThrow(`received ${described}.`);
    expect(buffer.size()).toBe(0);
  });
});
