import { describe, expect, it } from 'vitest';
import {
  CRASH_SCENARIO,
  findLost,
  findOutOfOrder,
  findUnexplainedRepeats,
  findWrongIdempotencyKeys,
  runCrashScenario,
} from './crashHarness.js';

describe('SqliteOperationBuffer under SIGKILL', () => {
  it('keeps every added operation across 60 kills', async () => {
    const report = await runCrashScenario({ ...CRASH_SCENARIO, kills: 60 });

    expect(report.reported.length).toBeGreaterThan(0);
    expect(findLost(report)).toEqual([]);
    expect(findOutOfOrder(report)).toEqual([]);
    expect(findUnexplainedRepeats(report)).toEqual([]);
    expect(findWrongIdempotencyKeys(report)).toEqual([]);
  });
});
