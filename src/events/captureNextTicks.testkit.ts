import { vi } from 'vitest';

/**
 * Replaces `process.nextTick` until `vi.restoreAllMocks()` and returns the callbacks scheduled
 * on it, so that a test can run an error rethrown on a later tick by hand.
 */
export function captureNextTicks(): (() => void)[] {
  const scheduled: (() => void)[] = [];
  const schedule = (callback: () => void): void => {
    scheduled.push(callback);
  };
  vi.spyOn(process, 'nextTick').mockImplementation(schedule as typeof process.nextTick);
  return scheduled;
}
