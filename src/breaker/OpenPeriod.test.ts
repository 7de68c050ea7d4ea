import { describe, expect, it } from 'vitest';
import type { Backoff } from '../backoff/Backoff.js';
import { ExponentialBackoff } from '../backoff/ExponentialBackoff.js';
import { OpenPeriod } from './OpenPeriod.js';

/** A backoff that returns the given delays in order, then stops. */
function listBackoff(delays: readonly unknown[]): Backoff {
  return {
    start: () => {
      let index = 0;
      return { next: () => delays[index++] as number | undefined };
    },
  };
}

describe('OpenPeriod', () => {
  it('uses openMs without a backoff', () => {
    const period = new OpenPeriod(5_000, undefined);

    expect([1, 2, 3].map((openCount) => period.lengthOf(openCount, 0))).toEqual([
      5_000, 5_000, 5_000,
    ]);
  });

  it('follows the backoff per open in a row', () => {
    const period = new OpenPeriod(5_000, new ExponentialBackoff({ initialDelayMs: 100 }));

    expect([1, 2, 3, 1, 2].map((openCount) => period.lengthOf(openCount, 0))).toEqual([
      100, 200, 400, 100, 200,
    ]);
  });

  it('catches up with a restored count', () => {
    const period = new OpenPeriod(5_000, new ExponentialBackoff({ initialDelayMs: 100 }));

    expect(period.lengthOf(4, 0)).toBe(800);
    expect(period.lengthOf(5, 0)).toBe(1_600);
  });

  it('bounds what a backoff returns', () => {
    const period = new OpenPeriod(5_000, listBackoff([Number.NaN, -5, 2 ** 40, 'soon']));

    expect(period.lengthOf(1, 0)).toBe(5_000);
    expect(period.lengthOf(2, 0)).toBe(0);
    expect(period.lengthOf(3, 0)).toBe(2 ** 31 - 1);
    expect(period.lengthOf(4, 0)).toBe(2 ** 31 - 1);
  });

  it('passes the time since the first open', () => {
    const seen: number[] = [];
    const period = new OpenPeriod(1, {
      start: () => ({
        next: ({ elapsedMs }) => {
          seen.push(elapsedMs);
          return 10;
        },
      }),
    });

    period.lengthOf(1, 1_000);
    period.lengthOf(2, 1_500);

    expect(seen).toEqual([0, 500]);
  });
});
