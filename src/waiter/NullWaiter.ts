import { assertDelay } from './assertDelay.js';
import { assertSignal } from './assertSignal.js';
import type { Waiter } from './Waiter.js';

/** A waiter that does not wait: `sleep` resolves at once, unless the signal is aborted. */
export class NullWaiter implements Waiter {
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      assertDelay('NullWaiter.sleep', ms);
      assertSignal('NullWaiter.sleep', 'signal', signal);
    } catch (error) {
      return Promise.reject(error);
    }
    return signal?.aborted === true ? Promise.reject(signal.reason) : Promise.resolve();
  }
}
