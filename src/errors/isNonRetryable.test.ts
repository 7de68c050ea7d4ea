import { describe, expect, it } from 'vitest';
import { isNonRetryable } from './isNonRetryable.js';
import { NonRetryableError } from './NonRetryableError.js';
import { UnknownOperationError } from './UnknownOperationError.js';

describe('isNonRetryable', () => {
  it('recognizes a NonRetryableError', () => {
    expect(isNonRetryable(new NonRetryableError(new Error('404')))).toBe(true);
  });

  it('recognizes one from another copy by name', () => {
    const copy = Object.assign(new Error('400'), { name: 'NonRetryableError' });

    expect(isNonRetryable(copy)).toBe(true);
  });

  it('recognizes an unknown operation', () => {
    expect(isNonRetryable(new UnknownOperationError('gone', 'op-1'))).toBe(true);
  });

  it.each([new Error('timeout'), 'NonRetryableError', undefined])('rejects %s', (value) => {
    expect(isNonRetryable(value)).toBe(false);
  });

  it('returns false when the name getter throws', () => {
    const error = new Error('down');
    Object.defineProperty(error, 'name', {
      get() {
        throw new Error('name getter');
      },
    });

    expect(isNonRetryable(error)).toBe(false);
  });

  it('returns false for a Proxy whose traps throw', () => {
    const proxy = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('getPrototypeOf trap');
        },
      },
    );

    expect(isNonRetryable(proxy)).toBe(false);
  });
});
