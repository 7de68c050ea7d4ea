import type { Clock } from '../clock/Clock.js';
import { systemClock } from '../clock/SystemClock.js';
import { assertClock } from '../clock/assertClock.js';
import { onAbort } from '../signal/onAbort.js';
import { assertDelay } from './assertDelay.js';
import { assertSignal } from './assertSignal.js';
import type { Waiter } from './Waiter.js';

/**
 * Waits on a timer of its clock: real time by default, virtual time in tests. The timer is
 * cleared, and its abort callback removed from the signal, as soon as the wait settles.
 *
 * @example
 * await new SleepWaiter().sleep(250, controller.signal);
 */
export class SleepWaiter implements Waiter {
  readonly #clock: Clock;

  constructor(clock: Clock = systemClock) {
    assertClock('SleepWaiter', 'clock', clock);
    this.#clock = clock;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      assertDelay('SleepWaiter.sleep', ms);
      assertSignal('SleepWaiter.sleep', 'signal', signal);
    } catch (error) {
      return Promise.reject(error);
    }
    if (signal?.aborted === true) {
      return Promise.reject(signal.reason);
    }
    return new Promise((resolve, reject) => {
      let removeAbortCallback: (() => void) | undefined;
      const timer = this.#clock.setTimeout(() => {
        removeAbortCallback?.();
        resolve();
      }, ms);
      if (signal !== undefined) {
        removeAbortCallback = onAbort(signal, () => {
          this.#clock.clearTimeout(timer);
          reject(signal.reason);
        });
      }
    });
  }
}
