import { describe, expect, it } from 'vitest';
import { computeDemoReport } from './DemoReport.js';
import type { FlakyServerRecord } from './FlakyServer.js';

function record(sequences: number[]): FlakyServerRecord {
  return {
    requests: sequences.length + 3,
    rejected: 3,
    rejectedDuringOutage: 2,
    slow: 1,
    accepted: sequences.map((sequence) => ({ sequence, idempotencyKey: `message-${sequence}` })),
  };
}

describe('computeDemoReport', () => {
  it('counts an ordered complete delivery', () => {
    const report = computeDemoReport(3, record([1, 2, 3]), 10);
    expect(report).toEqual({
      sent: 3,
      delivered: 3,
      lost: 0,
      outOfOrder: 0,
      duplicates: 0,
      attempts: 6,
      rejectedByServer: 3,
      rejectedDuringOutage: 2,
      slowAnswers: 1,
      elapsedMs: 10,
    });
  });

  it('counts lost messages', () => {
    const report = computeDemoReport(4, record([1, 3]), 0);
    expect(report.delivered).toBe(2);
    expect(report.lost).toBe(2);
  });

  it('counts a message that arrives after a later one', () => {
    const report = computeDemoReport(3, record([1, 3, 2]), 0);
    expect(report.outOfOrder).toBe(1);
    expect(report.lost).toBe(0);
  });

  it('counts duplicates once delivered', () => {
    const report = computeDemoReport(2, record([1, 1, 2, 2, 2]), 0);
    expect(report.duplicates).toBe(3);
    expect(report.delivered).toBe(2);
    expect(report.outOfOrder).toBe(0);
  });

  it('ignores sequences outside the sent range', () => {
    const report = computeDemoReport(2, record([1, 7]), 0);
    expect(report.delivered).toBe(1);
    expect(report.lost).toBe(1);
  });
});
