import { VirtualClock } from '../clock/VirtualClock.js';
import { describeValue } from '../validation/describeValue.js';
import { assertDelay } from './assertDelay.js';
import { assertSignal } from './assertSignal.js';
import { SleepWaiter } from './SleepWaiter.js';

/**
 * A waiter on a {@link VirtualClock} that records every delay it was asked to wait, so that
 * tests can assert a backoff sequence. Its waits end when the test advances the clock.
 *
 * @example
 * const waiter = new VirtualWaiter();
 * const done = waiter.sleep(100);
 * await waiter.clock.advance(100);
 * await done;
 * waiter.delays; // [100]
 */
export class VirtualWaiter extends SleepWaiter {
  /** The virtual clock whose timers end the waits. */
  readonly clock: VirtualClock;
  readonly #delays: number[] = [];

  constructor(clock: VirtualClock = new VirtualClock()) {
    if (!(clock instanceof VirtualClock)) {
      throw new TypeError(
        `VirtualWaiter: \`clock\` must be a VirtualClock, received ${describeValue(clock)}.`,
      );
    }
    super(clock);
    this.clock = clock;
  }

  /**
   * Every valid delay passed to `sleep`, in call order, including waits that were aborted.
   * A delay that `sleep` rejected as invalid is not recorded.
   */
  get delays(): readonly number[] {
    return this.#delays;
  }

  override sleep(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      assertDelay('VirtualWaiter.sleep', ms);
      assertSignal('VirtualWaiter.sleep', 'signal', signal);
    } catch (error) {
      return Promise.reject(error);
    }
    this.#delays.push(ms);
    return super.sleep(ms, signal);
  }
}
