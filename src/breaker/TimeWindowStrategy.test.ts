import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/VirtualClock.js';
import { TimeWindowStrategy } from './TimeWindowStrategy.js';

describe('TimeWindowStrategy', () => {
  it('has defaults', () => {
    const strategy = new TimeWindowStrategy();

    expect(strategy.windowMs).toBe(60_000);
    expect(strategy.bucketCount).toBe(10);
    expect(strategy.minimumCalls).toBe(20);
    expect(strategy.failureRateThreshold).toBe(0.5);
  });

  it('reads time from the given clock', async () => {
    const clock = new VirtualClock();
    const strategy = new TimeWindowStrategy({ windowMs: 100, bucketCount: 1, minimumCalls: 2 });
    const tracker = strategy.createTracker(clock);

    tracker.record(true);
    await clock.advance(100);

    expect(tracker.record(true)).toBe(false);
    expect(tracker.record(true)).toBe(true);
  });

  it.each([
    [{ windowMs: 0 }, RangeError, /`windowMs` must be an integer from 1 to 2147483647, received 0/],
    [{ windowMs: Infinity }, RangeError, /`windowMs`/],
    [{ windowMs: 10.5 }, RangeError, /`windowMs`/],
    [{ bucketCount: 0 }, RangeError, /`bucketCount` must be an integer from 1 to 1000/],
    [
      { windowMs: 5, bucketCount: 6 },
      RangeError,
      /`bucketCount` must be an integer from 1 to 5, received 6/,
    ],
    [{ minimumCalls: 0 }, RangeError, /`minimumCalls`/],
    [{ failureRateThreshold: -0.1 }, RangeError, /`failureRateThreshold`/],
    [{ failureRateThreshold: '0.5' }, TypeError, /`failureRateThreshold`/],
  ])('rejects %j', (options, type, message) => {
    const construct = (): TimeWindowStrategy => new TimeWindowStrategy(options as never);

    expect(construct).toThrow(type);
    expect(construct).toThrow(message);
    expect(construct).toThrow(/^TimeWindowStrategy: /);
  });
});
