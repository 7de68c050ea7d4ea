import type { LeasedOperationBuffer } from '../buffer/LeasedOperationBuffer.js';
import type { Clock, TimerHandle } from '../clock/Clock.js';

/**
 * How long the runner keeps a buffer's lease after a drain, in milliseconds, so that drains
 * that follow each other closely take it once, while another process can have it soon after
 * this one goes idle.
 */
export const LEASE_IDLE_MS = 100;

/** The drain lease of each buffer object, shared by every runner that drains it. */
const leases = new WeakMap<LeasedOperationBuffer, DrainLease>();

/**
 * Returns the drain lease of `buffer`, the same object for every runner on that buffer object,
 * so that one runner's idle release or `close()` never gives back the lease while another
 * runner's drain holds it. The first runner's clock times the idle release.
 */
export function drainLeaseOf(buffer: LeasedOperationBuffer, clock: Clock): DrainLease {
  let lease = leases.get(buffer);
  if (lease === undefined) {
    lease = new DrainLease(buffer, clock);
    leases.set(buffer, lease);
  }
  return lease;
}

/** The lease of a shared buffer, taken before each drain and given back once idle. */
export class DrainLease {
  readonly #buffer: LeasedOperationBuffer;
  readonly #clock: Clock;
  #releaseTimer: TimerHandle | undefined;
  /** Whether a drain holds the lease now, between `acquire()` and `releaseWhenIdle()`. */
  #draining = false;

  constructor(buffer: LeasedOperationBuffer, clock: Clock) {
    this.#buffer = buffer;
    this.#clock = clock;
  }

  /** Takes the lease, or keeps it; rejects with the buffer's error when another holds it. */
  async acquire(): Promise<void> {
    this.#cancelRelease();
    await this.#buffer.acquireLease();
    this.#draining = true;
  }

  /** Gives the lease back once no drain has started for {@link LEASE_IDLE_MS}. */
  releaseWhenIdle(): void {
    this.#draining = false;
    this.#cancelRelease();
    this.#releaseTimer = this.#clock.setTimeout(
      () => {
        this.#releaseTimer = undefined;
        // A failed release leaves the lease to expire by itself.
        Promise.resolve(this.#buffer.releaseLease()).catch(() => undefined);
      },
      LEASE_IDLE_MS,
      { unref: true },
    );
  }

  /** Gives the lease back now, unless a drain holds it: that drain gives it back once idle. */
  async release(): Promise<void> {
    if (this.#draining) {
      return;
    }
    this.#cancelRelease();
    await this.#buffer.releaseLease();
  }

  #cancelRelease(): void {
    if (this.#releaseTimer !== undefined) {
      this.#clock.clearTimeout(this.#releaseTimer);
      this.#releaseTimer = undefined;
    }
  }
}
