import { describe, expect, it } from 'vitest';
import { ConstantBackoff } from '../backoff/ConstantBackoff.js';
import { ExponentialBackoff } from '../backoff/ExponentialBackoff.js';
import { MaxRetriesBackoff } from '../backoff/MaxRetriesBackoff.js';
import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';
import { RetrySchedule } from './RetrySchedule.js';

describe('RetrySchedule', () => {
  it('follows a backoff per key', () => {
    const schedule = new RetrySchedule(new ExponentialBackoff({ initialDelayMs: 10 }));

    const delays = [1, 2, 3].map((attempt) => schedule.delay('a', 'op', attempt, 0));
    const other = schedule.delay('b', 'op-b', 1, 0);

    expect(delays).toEqual([10, 20, 40]);
    expect(other).toBe(10);
  });

  it('restarts when the head changes', () => {
    const schedule = new RetrySchedule(new ExponentialBackoff({ initialDelayMs: 10 }));
    schedule.delay('a', 'first', 1, 0);
    schedule.delay('a', 'first', 2, 0);

    expect(schedule.delay('a', 'second', 1, 0)).toBe(10);
  });

  it('catches up with a stored attempt count', () => {
    const schedule = new RetrySchedule(new ExponentialBackoff({ initialDelayMs: 10 }));

    expect(schedule.delay('a', 'op', 4, 0)).toBe(80);
  });

  it('starts again after a reset', () => {
    const schedule = new RetrySchedule(new ExponentialBackoff({ initialDelayMs: 10 }));
    schedule.delay('a', 'op', 1, 0);
    schedule.delay('a', 'op', 2, 0);

    schedule.reset('a');

    expect(schedule.delay('a', 'op', 1, 0)).toBe(10);
  });

  it('returns undefined when the backoff stops', () => {
    const backoff = new MaxRetriesBackoff(new ConstantBackoff({ delayMs: 5 }), { maxRetries: 1 });
    const schedule = new RetrySchedule(backoff);

    expect(schedule.delay('a', 'op', 1, 0)).toBe(5);
    expect(schedule.delay('a', 'op', 2, 0)).toBeUndefined();
  });

  it('calls a function with the attempt', () => {
    const schedule = new RetrySchedule((attempt) => attempt * 7);

    expect(schedule.delay(undefined, undefined, 3, 0)).toBe(21);
  });

  it.each([
    [-5, 0],
    [NaN, MAX_TIMER_DELAY_MS],
    [Infinity, MAX_TIMER_DELAY_MS],
    [2 ** 40, MAX_TIMER_DELAY_MS],
  ])('bounds a function delay of %s to %s', (returned, expected) => {
    const schedule = new RetrySchedule(() => returned);

    expect(schedule.delay(undefined, undefined, 1, 0)).toBe(expected);
  });

  it('falls back to the cap of the backoff', () => {
    expect(new RetrySchedule(new ExponentialBackoff({ maxDelayMs: 500 })).fallbackDelayMs).toBe(
      500,
    );
    expect(new RetrySchedule(() => 1).fallbackDelayMs).toBe(60_000);
  });

  it.each([
    [Infinity, MAX_TIMER_DELAY_MS],
    [-1, 0],
    ['soon', MAX_TIMER_DELAY_MS],
  ])('bounds a custom cap of %s to %s', (maxDelayMs, expected) => {
    const backoff = { maxDelayMs: maxDelayMs as number, start: () => ({ next: () => undefined }) };

    expect(new RetrySchedule(backoff).fallbackDelayMs).toBe(expected);
  });
});
