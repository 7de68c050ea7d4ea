/** A timer started by a {@link Clock}; pass it back to `clearTimeout` to cancel it. */
export interface TimerHandle {
  readonly __timerHandle?: never;
}

/** Options of {@link Clock.setTimeout}. */
export interface TimerOptions {
  /**
   * Whether the timer may let the process exit while it is pending. The library sets it for
   * timers that only guard other work, such as a circuit breaker's reset.
   * @default false
   */
  readonly unref?: boolean | undefined;
}

/** The source of time for every runner, so that tests can replace it with a virtual clock. */
export interface Clock {
  /** The current time in milliseconds since the Unix epoch (or since a virtual start). */
  now(): number;
  /** Calls `callback` once after `delayMs` milliseconds, from 0 to 2^31−1. */
  setTimeout(callback: () => void, delayMs: number, options?: TimerOptions): TimerHandle;
  /** Cancels a pending timer; a handle that already fired or was cleared is ignored. */
  clearTimeout(handle: TimerHandle): void;
}
