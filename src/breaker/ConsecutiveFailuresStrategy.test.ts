import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/VirtualClock.js';
import { ConsecutiveFailuresStrategy } from './ConsecutiveFailuresStrategy.js';

describe('ConsecutiveFailuresStrategy', () => {
  const clock = new VirtualClock();

  it('opens after failures in a row', () => {
    const tracker = new ConsecutiveFailuresStrategy({ failureThreshold: 3 }).createTracker(clock);

    expect([true, true, false, true, true].map((failed) => tracker.record(failed))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(tracker.record(true)).toBe(true);
  });

  it('defaults to five failures', () => {
    const strategy = new ConsecutiveFailuresStrategy();
    const tracker = strategy.createTracker(clock);

    expect(strategy.failureThreshold).toBe(5);
    expect([1, 2, 3, 4, 5].map(() => tracker.record(true)).at(-1)).toBe(true);
  });

  it('restores a saved count', () => {
    const strategy = new ConsecutiveFailuresStrategy({ failureThreshold: 3 });
    const saved = strategy.createTracker(clock);
    saved.record(true);
    saved.record(true);

    const restored = strategy.createTracker(clock, JSON.parse(JSON.stringify(saved)));

    expect(restored.record(true)).toBe(true);
  });

  it('ignores a count it cannot use', () => {
    const strategy = new ConsecutiveFailuresStrategy({ failureThreshold: 3 });

    for (const saved of [
      { kind: 'consecutive', failures: 3 },
      { kind: 'consecutive', failures: -1 },
      { kind: 'consecutive', failures: 1.5 },
      { kind: 'count', failures: 2 },
    ]) {
      const tracker = strategy.createTracker(clock, saved);
      expect(tracker.record(true)).toBe(false);
    }
  });

  it.each([0, -1, 1.5, Number.NaN, Infinity])('rejects failureThreshold %s', (value) => {
    expect(() => new ConsecutiveFailuresStrategy({ failureThreshold: value })).toThrow(
      /^ConsecutiveFailuresStrategy: `failureThreshold` must be an integer from 1 to \d+, received/,
    );
  });

  it('rejects options of the wrong type', () => {
    expect(() => new ConsecutiveFailuresStrategy(3 as never)).toThrow(TypeError);
    expect(
      () => new ConsecutiveFailuresStrategy({ failureThreshold: '3' as unknown as number }),
    ).toThrow(TypeError);
  });
});
