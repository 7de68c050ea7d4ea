import { VirtualClock } from '../clock/VirtualClock.js';
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
    super(clock);
    this.clock = clock;
  }

  /** Every delay passed to `sleep`, in call order, including waits that were aborted. */
  get delays(): readonly number[] {
    return this.#delays;
  }

  override sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const waited = super.sleep(ms, signal);
    if (typeof ms === 'number') {
      this.#delays.push(ms);
    }
    return waited;
  }
}
