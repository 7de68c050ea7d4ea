import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountWindow } from './CountWindow.js';

describe('CountWindow', () => {
  it('matches a naive model', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.boolean(), { maxLength: 200 }),
        (windowSize, minimum, failureRateThreshold, outcomes) => {
          const minimumCalls = Math.min(minimum, windowSize);
          const window = new CountWindow({ windowSize, minimumCalls, failureRateThreshold });
          const seen: boolean[] = [];
          for (const failed of outcomes) {
            const opens = window.record(failed);
            seen.push(failed);
            const last = seen.slice(-windowSize);
            const failures = last.filter(Boolean).length;
            expect(window.calls).toBe(last.length);
            expect(window.failures).toBe(failures);
            expect(opens).toBe(
              last.length >= minimumCalls &&
                failures > 0 &&
                failures / last.length >= failureRateThreshold,
            );
          }
          expect(window.toJSON().outcomes).toEqual(
            seen.slice(-windowSize).map((failed) => (failed ? 1 : 0)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('waits for the minimum calls', () => {
    const window = new CountWindow({ windowSize: 5, minimumCalls: 3, failureRateThreshold: 0.5 });

    expect(window.record(true)).toBe(false);
    expect(window.record(true)).toBe(false);
    expect(window.record(false)).toBe(true);
  });

  it('restores the newest outcomes', () => {
    const window = new CountWindow({ windowSize: 3, minimumCalls: 1, failureRateThreshold: 1 });

    window.restore({ kind: 'count', outcomes: [1, 1, 0, 1, 0] });

    expect(window.calls).toBe(3);
    expect(window.failures).toBe(1);
    expect(window.toJSON().outcomes).toEqual([0, 1, 0]);
  });

  it('ignores JSON of another shape', () => {
    for (const saved of [{ kind: 'count', outcomes: [2] }, { kind: 'time' }, 'count', undefined]) {
      const window = new CountWindow({ windowSize: 3, minimumCalls: 1, failureRateThreshold: 1 });
      window.restore(saved);
      expect(window.calls).toBe(0);
    }
  });

  it('forgets everything on reset', () => {
    const window = new CountWindow({ windowSize: 3, minimumCalls: 1, failureRateThreshold: 1 });
    window.record(true);
    window.record(true);

    window.reset();

    expect(window.calls).toBe(0);
    expect(window.failures).toBe(0);
    expect(window.record(false)).toBe(false);
  });
});
