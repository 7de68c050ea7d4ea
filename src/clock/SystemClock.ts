import { assertFunction } from '../validation/assertFunction.js';
import { assertNumber } from '../validation/assertNumber.js';
import type { Clock, TimerHandle, TimerOptions } from './Clock.js';
import { MAX_TIMER_DELAY_MS } from './maxTimerDelay.js';

/** The wall-clock time at process start; read once, because the property costs a lookup. */
const TIME_ORIGIN = performance.timeOrigin;

/**
 * The real clock: a monotonic time in milliseconds since the Unix epoch, and Node.js timers.
 * `now()` is the wall-clock time at process start plus the monotonic time elapsed since, so
 * setting the system clock back or forward does not stretch or cut a timeout, a wait or an
 * open circuit.
 */
export class SystemClock implements Clock {
  // NOTE: over days the monotonic time can drift from the wall clock by as much as NTP
  // corrects it (usually milliseconds), so timestamps of two processes can differ by that much.
  now(): number {
    return TIME_ORIGIN + performance.now();
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
