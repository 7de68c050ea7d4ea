import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/VirtualClock.js';
import { TimeWindow, type TimeWindowRule } from './TimeWindow.js';

/** Counts calls the slow way: keeps every call and filters by bucket index each time. */
class NaiveTimeWindow {
  readonly #calls: { readonly index: number; readonly failed: boolean }[] = [];
  readonly #rule: TimeWindowRule;

  constructor(rule: TimeWindowRule) {
    this.#rule = rule;
  }

  record(time: number, failed: boolean): void {
    this.#calls.push({ index: this.#indexOf(time), failed });
  }

  countAt(time: number): { calls: number; failures: number } {
    const oldest = this.#indexOf(time) - this.#rule.bucketCount + 1;
    const inWindow = this.#calls.filter((call) => call.index >= oldest);
    return {
      calls: inWindow.length,
      failures: inWindow.filter((call) => call.failed).length,
    };
  }

  #indexOf(time: number): number {
    return Math.floor(time / (this.#rule.windowMs / this.#rule.bucketCount));
  }
}

const ruleArbitrary = fc
  .record({
    windowMs: fc.integer({ min: 1, max: 5_000 }),
    bucketCount: fc.integer({ min: 1, max: 20 }),
    minimumCalls: fc.integer({ min: 1, max: 10 }),
    failureRateThreshold: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((rule) => ({ ...rule, bucketCount: Math.min(rule.bucketCount, rule.windowMs) }));

/** Gaps between calls: often none, often within a bucket, sometimes longer than the window. */
const stepArbitrary = fc.record({
  gap: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 50 }),
    fc.integer({ min: 0, max: 2_000 }),
    fc.integer({ min: 5_000, max: 20_000 }),
  ),
  failed: fc.boolean(),
});

describe('TimeWindow', () => {
  it('matches a naive model', async () => {
    await fc.assert(
      fc.asyncProperty(
        ruleArbitrary,
        fc.array(stepArbitrary, { maxLength: 200 }),
        fc.integer({ min: 0, max: 20_000 }),
        async (rule, steps, finalGap) => {
          const clock = new VirtualClock();
          const window = new TimeWindow(rule, clock);
          const model = new NaiveTimeWindow(rule);
          for (const { gap, failed } of steps) {
            await clock.advance(gap);
            const opens = window.record(failed);
            model.record(clock.now(), failed);
            const expected = model.countAt(clock.now());
            expect(window.calls).toBe(expected.calls);
            expect(window.failures).toBe(expected.failures);
            const expectedOpens =
              expected.calls >= rule.minimumCalls &&
              expected.failures > 0 &&
              expected.failures / expected.calls >= rule.failureRateThreshold;
            expect(opens).toBe(expectedOpens);
          }
          await clock.advance(finalGap);
          expect(window.calls).toBe(model.countAt(clock.now()).calls);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('drops a bucket exactly at its boundary', async () => {
    const clock = new VirtualClock();
    const window = new TimeWindow(
      { windowMs: 1_000, bucketCount: 4, minimumCalls: 1, failureRateThreshold: 1 },
      clock,
    );

    window.record(true);
    await clock.advance(250);
    window.record(false);
    await clock.advance(749);
    expect(window.calls).toBe(2);
    await clock.advance(1);

    expect(window.calls).toBe(1);
    expect(window.failures).toBe(0);
  });

  it('empties after an idle gap', async () => {
    const clock = new VirtualClock();
    const window = new TimeWindow(
      { windowMs: 1_000, bucketCount: 10, minimumCalls: 1, failureRateThreshold: 0.5 },
      clock,
    );
    window.record(true);
    window.record(true);

    await clock.advance(123_456);

    expect(window.calls).toBe(0);
    expect(window.record(false)).toBe(false);
    expect(window.failures).toBe(0);
  });

  it('round-trips through JSON', async () => {
    const rule = { windowMs: 1_000, bucketCount: 10, minimumCalls: 1, failureRateThreshold: 1 };
    const clock = new VirtualClock({ startAt: 10_000 });
    const window = new TimeWindow(rule, clock);
    window.record(true);
    await clock.advance(300);
    window.record(false);
    window.record(true);

    const restored = new TimeWindow(rule, clock);
    restored.restore(JSON.parse(JSON.stringify(window)));

    expect(restored.calls).toBe(3);
    expect(restored.failures).toBe(2);
    await clock.advance(800);
    expect(restored.calls).toBe(2);
    expect(restored.toJSON()).toEqual(window.toJSON());
  });

  it('ignores JSON of another shape', () => {
    const rule = { windowMs: 1_000, bucketCount: 10, minimumCalls: 1, failureRateThreshold: 1 };
    const clock = new VirtualClock();
    const saved = { kind: 'time', windowMs: 1_000, bucketCount: 10, buckets: [[0, 1, 1]] };

    for (const other of [
      { ...saved, windowMs: 2_000 },
      { ...saved, bucketCount: 5 },
      { ...saved, buckets: [[0, -1, 1]] },
      { ...saved, buckets: 'many' },
      { ...saved, kind: 'count' },
      null,
    ]) {
      const window = new TimeWindow(rule, clock);
      window.restore(other);
      expect(window.calls).toBe(0);
    }
    const window = new TimeWindow(rule, clock);
    window.restore(saved);
    expect(window.calls).toBe(2);
  });

  it('drops restored buckets ahead of the clock', () => {
    const rule = { windowMs: 1_000, bucketCount: 10, minimumCalls: 1, failureRateThreshold: 1 };
    const window = new TimeWindow(rule, new VirtualClock({ startAt: 500 }));

    window.restore({
      kind: 'time',
      windowMs: 1_000,
      bucketCount: 10,
      buckets: [
        [5, 1, 0],
        [90, 4, 4],
      ],
    });

    expect(window.calls).toBe(1);
  });

  it('forgets everything on reset', () => {
    const window = new TimeWindow(
      { windowMs: 1_000, bucketCount: 10, minimumCalls: 1, failureRateThreshold: 1 },
      new VirtualClock(),
    );
    window.record(true);

    window.reset();

    expect(window.calls).toBe(0);
    expect(window.toJSON().buckets).toEqual([]);
  });
});
