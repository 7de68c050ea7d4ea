import { describe, expect, it } from 'vitest';
import { InMemoryKeyedOperationBuffer } from '../buffer/InMemoryKeyedOperationBuffer.js';
import { InMemoryOperationBuffer } from '../buffer/InMemoryOperationBuffer.js';
import { BufferedOperationRunner } from './BufferedOperationRunner.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';

describe('resolveBufferedOptions', () => {
  it.each([
    ['options that are not an object', 5, TypeError, /`options` must be an object/],
    ['a clock without methods', { clock: {} }, TypeError, /`clock` must be a clock/],
    ['a backoff without start', { backoff: {} }, TypeError, /`backoff` must be a backoff/],
    [
      'a zero poll interval',
      { pollIntervalMs: 0 },
      RangeError,
      /`pollIntervalMs` must be a number from 1/,
    ],
    ['a NaN poll interval', { pollIntervalMs: NaN }, RangeError, /received NaN/],
    [
      'zero attempts',
      { deadLetters: { maxAttempts: 0 } },
      RangeError,
      /`deadLetters.maxAttempts` must be an integer from 1/,
    ],
    ['fractional attempts', { deadLetters: { maxAttempts: 1.5 } }, RangeError, /received 1.5/],
    [
      'a predicate that is not a function',
      { deadLetters: { isFinal: 1 } },
      TypeError,
      /`deadLetters.isFinal` must be a function/,
    ],
    ['a numeric policy', { deadLetters: 3 }, TypeError, /`deadLetters` must be an object/],
  ])('rejects %s', (_case, options, type, message) => {
    const create = () =>
      new BufferedOperationRunner(
        new SimpleOperationRunner(),
        new InMemoryKeyedOperationBuffer(),
        options as never,
      );

    expect(create).toThrow(type);
    expect(create).toThrow(message);
    expect(create).toThrow(/^BufferedOperationRunner: /);
  });

  it('accepts dead letters with a keyed buffer', () => {
    const buffer = new InMemoryKeyedOperationBuffer();

    expect(
      () => new BufferedOperationRunner(new SimpleOperationRunner(), buffer, { deadLetters: true }),
    ).not.toThrow();
  });

  it('accepts false dead letters with any buffer', () => {
    const buffer = new InMemoryOperationBuffer();

    expect(
      () =>
        new BufferedOperationRunner(new SimpleOperationRunner(), buffer, { deadLetters: false }),
    ).not.toThrow();
  });
});
