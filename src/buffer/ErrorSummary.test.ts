import { describe, expect, it } from 'vitest';
import { NonRetryableError } from '../errors/NonRetryableError.js';
import { MAX_ERROR_MESSAGE_LENGTH, summarizeError } from './ErrorSummary.js';

describe('summarizeError', () => {
  it('keeps the name and message of an Error', () => {
    expect(summarizeError(new TypeError('bad input'))).toEqual({
      name: 'TypeError',
      message: 'bad input',
    });
  });

  it('adds the message of an Error cause', () => {
    const error = new NonRetryableError(new TypeError('HTTP 400: missing field `to`'));

    const summary = summarizeError(error);

    expect(summary.name).toBe('NonRetryableError');
    expect(summary.message).toMatch(/^The operation failed and must not be retried\./);
    expect(summary.message).toMatch(/Cause: TypeError: HTTP 400: missing field `to`$/);
  });

  it('ignores a cause that is no Error', () => {
    const error = new Error('failed', { cause: 'a string' });

    expect(summarizeError(error).message).toBe('failed');
  });

  it('cuts a long name and message', () => {
    const error = new Error('m'.repeat(10_000));
    error.name = 'N'.repeat(10_000);

    const summary = summarizeError(error);

    expect(summary.name).toHaveLength(MAX_ERROR_MESSAGE_LENGTH);
    expect(summary.message).toHaveLength(MAX_ERROR_MESSAGE_LENGTH);
  });

  it('names the type of a value that is no Error', () => {
    expect(summarizeError(undefined)).toEqual({
      name: 'undefined',
      message: 'A value of type undefined was thrown.',
    });
    expect(summarizeError('down')).toEqual({
      name: 'string',
      message: 'A value of type string was thrown.',
    });
  });

  it('summarizes a name or message that is not a string', () => {
    const error = Object.assign(new Error('down'), { name: 42, message: { text: 'down' } });

    expect(summarizeError(error)).toEqual({ name: 'Error', message: '' });
  });

  it('summarizes an error whose getters throw', () => {
    const error = new Error('down');
    Object.defineProperty(error, 'message', {
      get() {
        throw new Error('message getter');
      },
    });

    expect(summarizeError(error)).toEqual({
      name: 'object',
      message: 'A value of type object was thrown.',
    });
  });

  it('summarizes a Proxy whose traps throw', () => {
    const proxy = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('getPrototypeOf trap');
        },
      },
    );

    expect(summarizeError(proxy)).toEqual({
      name: 'object',
      message: 'A value of type object was thrown.',
    });
  });
});
