import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/VirtualClock.js';
import { CountWindowStrategy } from './CountWindowStrategy.js';

describe('CountWindowStrategy', () => {
  it('has defaults', () => {
    const strategy = new CountWindowStrategy();

    expect(strategy.windowSize).toBe(100);
    expect(strategy.minimumCalls).toBe(20);
    expect(strategy.failureRateThreshold).toBe(0.5);
  });

  it('lowers the default minimum to a small window', () => {
    expect(new CountWindowStrategy({ windowSize: 5 }).minimumCalls).toBe(5);
  });

  it('creates independent trackers', () => {
    const strategy = new CountWindowStrategy({ windowSize: 2, minimumCalls: 2 });
    const first = strategy.createTracker(new VirtualClock());
    const second = strategy.createTracker(new VirtualClock());

    first.record(true);

    expect(first.record(true)).toBe(true);
    expect(second.record(true)).toBe(false);
  });

  it('restores a saved window', () => {
    const strategy = new CountWindowStrategy({ windowSize: 4, minimumCalls: 4 });

    const tracker = strategy.createTracker(new VirtualClock(), {
      kind: 'count',
      outcomes: [1, 0, 1],
    });

    expect(tracker.record(false)).toBe(true);
  });

  it.each([
    [
      { windowSize: 0 },
      RangeError,
      /`windowSize` must be an integer from 1 to 1000000, received 0/,
    ],
    [{ windowSize: 2.5 }, RangeError, /`windowSize` must be an integer/],
    [{ windowSize: '10' }, TypeError, /`windowSize` must be an integer/],
    [
      { windowSize: 10, minimumCalls: 11 },
      RangeError,
      /`minimumCalls` must be an integer from 1 to 10, received 11/,
    ],
    [{ minimumCalls: 0 }, RangeError, /`minimumCalls`/],
    [
      { failureRateThreshold: 1.5 },
      RangeError,
      /`failureRateThreshold` must be a number from 0 to 1, received 1.5/,
    ],
    [{ failureRateThreshold: Number.NaN }, RangeError, /`failureRateThreshold`/],
  ])('rejects %j', (options, type, message) => {
    const construct = (): CountWindowStrategy => new CountWindowStrategy(options as never);

    expect(construct).toThrow(type);
    expect(construct).toThrow(message);
    expect(construct).toThrow(/^CountWindowStrategy: /);
  });
});
