import { assertFunction } from '../validation/assertFunction.js';
import { withDefaults } from '../options/withDefaults.js';
import { assertNumber } from '../validation/assertNumber.js';
import { assertOptionsObject } from '../validation/assertOptionsObject.js';
import type { Clock, TimerHandle, TimerOptions } from './Clock.js';
import { MAX_TIMER_DELAY_MS } from './maxTimerDelay.js';

interface VirtualTimer extends TimerHandle {
  readonly id: number;
  readonly dueAt: number;
  readonly callback: () => void;
}

/** Options of {@link VirtualClock}. */
export interface VirtualClockOptions {
  /** The time `now()` returns before the clock is advanced, in milliseconds. @default 0 */
  readonly startAt?: number | undefined;
}

const DEFAULTS = Object.freeze({ startAt: 0 } satisfies VirtualClockOptions);

/**
 * A clock whose time moves only when a test advances it. Timers fire in order of due time
 * (then of creation), and the promise callbacks they trigger run before the next timer fires,
 * so code under test behaves as it would on real time, without sleeping.
 *
 * @example
 * const clock = new VirtualClock();
 * const runner = new RetryOperationRunner(inner, { clock });
 * const result = runner.run(operation);
 * await clock.runAll();
 */
export class VirtualClock implements Clock {
  #now: number;
  #nextId = 1;
  readonly #timers = new Map<number, VirtualTimer>();

  constructor(options: VirtualClockOptions = {}) {
    assertOptionsObject('VirtualClock', 'options', options);
    const { startAt } = withDefaults(DEFAULTS, options);
    assertNumber('VirtualClock', 'startAt', startAt, { min: 0, max: Number.MAX_SAFE_INTEGER });
    this.#now = startAt;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, delayMs: number, _options?: TimerOptions): TimerHandle {
    assertFunction('VirtualClock', 'callback', callback);
    assertNumber('VirtualClock', 'delayMs', delayMs, { min: 0, max: MAX_TIMER_DELAY_MS });
    const timer: VirtualTimer = { id: this.#nextId++, dueAt: this.#now + delayMs, callback };
    this.#timers.set(timer.id, timer);
    return timer;
  }

  /** Cancels a pending timer of this clock; any other value is ignored, as Node.js does. */
  clearTimeout(handle: TimerHandle): void {
    const id = (handle as Partial<VirtualTimer> | null | undefined)?.id;
    if (typeof id === 'number' && this.#timers.get(id) === handle) {
      this.#timers.delete(id);
    }
  }

  /** The number of timers that have not fired nor been cleared. */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way, each at its
   * own due time, and lets the promise callbacks it triggers run before the next one.
   */
  async advance(ms: number): Promise<void> {
    assertNumber('VirtualClock', 'ms', ms, { min: 0, max: Number.MAX_SAFE_INTEGER });
    const target = this.#now + ms;
    await settleCallbacks();
    for (let timer = this.#nextDue(target); timer; timer = this.#nextDue(target)) {
      this.#fire(timer);
      await settleCallbacks();
    }
    this.#now = target;
  }

  /**
   * Fires timers in due order until none is left, including timers that the fired ones start,
   * and returns the time reached. Throws after `maxTimers` firings, which stops a loop that
   * schedules timers forever.
   */
  async runAll(maxTimers = 100_000): Promise<number> {
    assertNumber('VirtualClock', 'maxTimers', maxTimers, {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
      integer: true,
    });
    await settleCallbacks();
    for (let fired = 0; this.#timers.size > 0; fired++) {
      if (fired >= maxTimers) {
        throw new RangeError(
          `VirtualClock: timers still pending after ${maxTimers} firings; ` +
            'something schedules timers forever, or pass a larger `maxTimers`.',
        );
      }
      const timer = this.#nextDue(Infinity);
      if (timer) {
        this.#fire(timer);
      }
      await settleCallbacks();
    }
    return this.#now;
  }

  #nextDue(limit: number): VirtualTimer | undefined {
    let earliest: VirtualTimer | undefined;
    for (const timer of this.#timers.values()) {
      if (timer.dueAt <= limit && (earliest === undefined || timer.dueAt < earliest.dueAt)) {
        earliest = timer;
      }
    }
    return earliest;
  }

  #fire(timer: VirtualTimer): void {
    this.#timers.delete(timer.id);
    this.#now = Math.max(this.#now, timer.dueAt);
    timer.callback();
  }
}

/** Lets every pending promise callback run, by waiting for the next turn of the event loop. */
function settleCallbacks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
