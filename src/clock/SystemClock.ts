import { assertFunction } from '../validation/assertFunction.js';
import { assertNumber } from '../validation/assertNumber.js';
import type { Clock, TimerHandle, TimerOptions } from './Clock.js';
import { MAX_TIMER_DELAY_MS } from './maxTimerDelay.js';

/** The real clock: `Date.now()` and Node.js timers. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimeout(callback: () => void, delayMs: number, options?: TimerOptions): TimerHandle {
    assertFunction('SystemClock', 'callback', callback);
    assertNumber('SystemClock', 'delayMs', delayMs, { min: 0, max: MAX_TIMER_DELAY_MS });
    const timer = setTimeout(callback, delayMs);
    if (options?.unref === true) {
      timer.unref();
    }
    return timer as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  }
}

/** The shared {@link SystemClock} that runners use when no clock is given. */
export const systemClock: Clock = new SystemClock();
