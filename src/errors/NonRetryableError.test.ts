import { describe, expect, it } from 'vitest';
import { FaultToleranceError } from './FaultToleranceError.js';
import { NonRetryableError } from './NonRetryableError.js';

describe('NonRetryableError', () => {
  it('carries the original error as cause', () => {
    const cause = new Error('400 bad request');

    expect(new NonRetryableError(cause).cause).toBe(cause);
  });

  it('has a stable name and code', () => {
    const error = new NonRetryableError('any failure');

    expect(error).toBeInstanceOf(FaultToleranceError);
    expect(error.name).toBe('NonRetryableError');
    expect(error.code).toBe('ERR_NON_RETRYABLE');
  });

  it('points to the cause by default', () => {
    expect(new NonRetryableError(new Error('x')).message).toMatch(/must not be retried.*`cause`/);
  });

  it('takes a custom message', () => {
    expect(new NonRetryableError(new Error('x'), 'Invalid API key').message).toBe(
      'Invalid API key',
    );
  });
});
