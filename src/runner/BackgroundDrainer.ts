import type { Clock, TimerHandle } from '../clock/Clock.js';
import { BufferLeaseError } from '../errors/BufferLeaseError.js';
import type { DrainOutcome } from './DrainOutcome.js';
import { RetrySchedule, type ReplayBackoff } from './RetrySchedule.js';

/** Settings of a {@link BackgroundDrainer}. */
export interface BackgroundDrainerSettings {
  /** Starts a drain (or joins the one queued) and resolves with its outcome; never rejects. */
  readonly drain: () => Promise<DrainOutcome>;
  readonly clock: Clock;
  /** The delays between drains that fail without a stored next-attempt time. */
  readonly backoff: ReplayBackoff;
  readonly pollIntervalMs: number;
}

/**
 * Drains a buffer over and over without waiting for new calls. After a drain it waits: until
 * the next attempt of a waiting key is due, for a backoff delay while failures repeat, or for
 * the poll interval when there is nothing to wait for. Only one drain runs at a time.
 */
export class BackgroundDrainer {
  readonly #settings: BackgroundDrainerSettings;
  readonly #schedule: RetrySchedule;
  #running = false;
  /** Counts the calls to `start()`, so that a drain that outlives a `stop()` schedules nothing. */
  #generation = 0;
  #timer: TimerHandle | undefined;
  #cycle: Promise<void> = Promise.resolve();
  #failedDrains = 0;

  constructor(settings: BackgroundDrainerSettings) {
    this.#settings = settings;
    this.#schedule = new RetrySchedule(settings.backoff);
  }

  get running(): boolean {
    return this.#running;
  }

  /** Starts draining now; does nothing when already started. */
  start(): void {
    if (this.#running) {
      return;
    }
    this.#running = true;
    this.#generation++;
    this.#scheduleDrain(0);
  }

  /** Stops scheduling drains and resolves once the drain in flight, if any, has ended. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer !== undefined) {
      this.#settings.clock.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    await this.#cycle;
  }

  #scheduleDrain(delayMs: number): void {
    const generation = this.#generation;
    this.#timer = this.#settings.clock.setTimeout(() => {
      this.#timer = undefined;
      this.#cycle = this.#drainOnce(generation);
    }, delayMs);
  }

  /** Drains once, then schedules the next drain unless the drainer stopped since `generation`. */
  async #drainOnce(generation: number): Promise<void> {
    const outcome = await this.#settings.drain();
    if (!this.#running || generation !== this.#generation) {
      return;
    }
    let delayMs: number;
    try {
      delayMs = this.#delayAfter(outcome);
    } catch {
      // A backoff that throws must not end the drainer, which waits the fallback delay instead.
      delayMs = this.#schedule.fallbackDelayMs;
    }
    this.#scheduleDrain(delayMs);
  }

  /** The wait before the next drain, in milliseconds. */
  #delayAfter(outcome: DrainOutcome): number {
    const { clock, pollIntervalMs } = this.#settings;
    const schedule = this.#schedule;
    const now = clock.now();
    let delay = pollIntervalMs;
    if (outcome.nextAttemptAt !== undefined) {
      delay = Math.min(delay, Math.max(0, outcome.nextAttemptAt - now));
    }
    const failure = outcome.failure;
    if (failure === undefined || outcome.nextAttemptAt !== undefined) {
      this.#failedDrains = 0;
      schedule.reset(undefined);
      return delay;
    }
    if (failure.error instanceof BufferLeaseError) {
      return Math.min(pollIntervalMs, Math.max(1, failure.error.expiresAt - now));
    }
    this.#failedDrains++;
    const backoff = schedule.delay(undefined, undefined, this.#failedDrains, now);
    return backoff ?? schedule.fallbackDelayMs;
  }
}
