import { describe, expect, it } from 'vitest';
import {
  CRASH_SCENARIO,
  findLost,
  findOutOfOrder,
  findUnexplainedRepeats,
  findWrongIdempotencyKeys,
  runCrashScenario,
} from '../../../test/crash/crashHarness.js';

// The short form of test/crash/bufferCrash.test.ts, which `npm run test:crash` runs with 60 kills.
describe('SqliteOperationBuffer under SIGKILL', () => {
  it('keeps every added operation across 5 kills', async () => {
    const report = await runCrashScenario({ ...CRASH_SCENARIO, kills: 5 });

    expect(findLost(report)).toEqual([]);
    expect(findOutOfOrder(report)).toEqual([]);
    expect(findUnexplainedRepeats(report)).toEqual([]);
    expect(findWrongIdempotencyKeys(report)).toEqual([]);
  });
});
