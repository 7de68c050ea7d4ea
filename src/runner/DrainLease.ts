import type { LeasedOperationBuffer } from '../buffer/LeasedOperationBuffer.js';
import type { Clock, TimerHandle } from '../clock/Clock.js';

/**
 * How long the runner keeps a buffer's lease after a drain, in milliseconds, so that drains
 * that follow each other closely take it once, while another process can have it soon after
 * this one goes idle.
 */
export const LEASE_IDLE_MS = 100;

/** The lease of a shared buffer, taken before each drain and given back once idle. */
export class DrainLease {
  readonly #buffer: LeasedOperationBuffer;
  readonly #clock: Clock;
  #releaseTimer: TimerHandle | undefined;

  constructor(buffer: LeasedOperationBuffer, clock: Clock) {
    this.#buffer = buffer;
    this.#clock = clock;
  }

  /** Takes the lease, or keeps it; rejects with the buffer's error when another holds it. */
  async acquire(): Promise<void> {
    this.#cancelRelease();
    await this.#buffer.acquireLease();
  }

  /** Gives the lease back once no drain has started for {@link LEASE_IDLE_MS}. */
  releaseWhenIdle(): void {
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

  /** Gives the lease back now. */
  async release(): Promise<void> {
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
