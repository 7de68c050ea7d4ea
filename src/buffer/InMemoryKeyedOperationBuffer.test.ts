import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/VirtualClock.js';
import type { Operation } from '../operation/Operation.js';
import { InMemoryKeyedOperationBuffer } from './InMemoryKeyedOperationBuffer.js';

function operation(id: string, key?: string): Operation {
  return { id, key, execute: () => id } as Operation;
}

function idsOf(operations: readonly (Operation | undefined)[]): unknown[] {
  return operations.map((entry) => (entry as { id?: unknown } | undefined)?.id);
}

describe('InMemoryKeyedOperationBuffer', () => {
  it('keeps one order across keys for pop', () => {
    const buffer = new InMemoryKeyedOperationBuffer();
    buffer.add(operation('a1', 'a'));
    buffer.add(operation('b1', 'b'));
    buffer.add(operation('a2', 'a'));

    expect(idsOf([buffer.current()])).toEqual(['a1']);
    expect(idsOf([buffer.pop(), buffer.pop(), buffer.pop(), buffer.pop()])).toEqual([
      'a1',
      'b1',
      'a2',
      undefined,
    ]);
    expect(buffer.size()).toBe(0);
  });

  it('lists the head of every key', () => {
    const buffer = new InMemoryKeyedOperationBuffer();
    buffer.add(operation('b1', 'b'));
    buffer.add(operation('plain'));
    buffer.add(operation('b2', 'b'));
    buffer.add(operation('a1', 'a'));

    const heads = buffer.heads();

    expect(idsOf(heads.map((entry) => entry.operation))).toEqual(['b1', 'plain', 'a1']);
    expect(heads.map((entry) => entry.key)).toEqual(['b', undefined, 'a']);
  });

  it('records failed attempts on the entry', () => {
    const buffer = new InMemoryKeyedOperationBuffer();
    buffer.add(operation('a1', 'a'));
    const [entry] = buffer.heads();

    buffer.recordFailure(entry!, {
      attempts: 2,
      nextAttemptAt: 500,
      error: { name: 'Error', message: 'down' },
    });

    expect(buffer.heads()[0]).toMatchObject({ attempts: 2, nextAttemptAt: 500 });
  });

  it('moves dead letters aside and back', () => {
    const clock = new VirtualClock({ startAt: 42 });
    const buffer = new InMemoryKeyedOperationBuffer({ clock });
    buffer.add(operation('a1', 'a'));
    buffer.add(operation('a2', 'a'));
    const [entry] = buffer.heads();
    const error = { name: 'Error', message: 'bad request' };

    buffer.deadLetter(entry!, { attempts: 3, error, failedAt: 99 });

    expect(buffer.deadLetters()).toEqual([
      {
        operation: entry!.operation,
        operationId: 'a1',
        key: 'a',
        attempts: 3,
        error,
        addedAt: 42,
        deadLetteredAt: 99,
      },
    ]);
    expect(idsOf(buffer.heads().map((head) => head.operation))).toEqual(['a2']);
    expect(buffer.requeue('a1', { position: 'head' })).toBe(true);
    expect(idsOf(buffer.heads().map((head) => head.operation))).toEqual(['a1']);
    expect(buffer.heads()[0]?.attempts).toBe(0);
  });

  it('requeues at the tail by default', () => {
    const buffer = new InMemoryKeyedOperationBuffer();
    buffer.add(operation('a1', 'a'));
    buffer.add(operation('a2', 'a'));
    buffer.deadLetter(buffer.heads()[0]!, {
      attempts: 1,
      error: { name: 'Error', message: 'x' },
      failedAt: 0,
    });

    buffer.requeue('a1');

    expect(idsOf([buffer.pop(), buffer.pop()])).toEqual(['a2', 'a1']);
  });

  it('drops a dead letter', () => {
    const buffer = new InMemoryKeyedOperationBuffer();
    buffer.add(operation('a1'));
    buffer.deadLetter(buffer.heads()[0]!, {
      attempts: 1,
      error: { name: 'Error', message: 'x' },
      failedAt: 0,
    });

    expect(buffer.drop('a1')).toBe(true);
    expect(buffer.drop('a1')).toBe(false);
    expect(buffer.requeue('a1')).toBe(false);
    expect(buffer.deadLetters()).toEqual([]);
  });

  it('rejects what is not an operation', () => {
    const buffer = new InMemoryKeyedOperationBuffer();

    expect(() => buffer.add({} as Operation)).toThrow(TypeError);
  });
});
