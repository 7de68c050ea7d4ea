import type { Clock, TimerHandle } from '../clock/Clock.js';
import { MAX_TIMER_DELAY_MS } from '../clock/maxTimerDelay.js';

/**
 * A settled promise whose `then` queues a microtask. It costs less than `queueMicrotask`, which
 * also tracks the async context.
 */
const RESOLVED = Promise.resolve();

/** An entry of a {@link DeadlineQueue}: the queue links entries through their own fields. */
export interface Deadline {
  /** The time, on the queue's clock, at which `expire` is called. */
  deadline: number;
  previous: Deadline | undefined;
  next: Deadline | undefined;
  /** The entry's place: in no queue, waiting to be added by `schedule`, or in the queue. */
  queueState: 'idle' | 'scheduled' | 'queued';
  /** Called once, when the deadline passes while the entry is still queued. */
  expire(): void;
}

/**
 * Deadlines sorted by time, driven by a single clock timer armed for the earliest one, so that
 * a thousand pending calls cost one timer rather than a thousand. Adding and removing are O(1)
 * when deadlines arrive in time order, which they do for one runner with a fixed timeout.
 * The timer is cleared as soon as the queue is empty, and it is `unref`'d because it only
 * guards work that keeps the process alive by itself.
 *
 * `schedule` adds entries a moment later, after the promise callbacks already queued have
 * run. A call whose operation has already settled by then is removed before it is added, so
 * it costs no timer at all.
 */
export class DeadlineQueue {
  readonly #clock: Clock;
  #head: Deadline | undefined;
  #tail: Deadline | undefined;
  #timer: TimerHandle | undefined;
  /** The time the timer fires; it may be earlier than the head's deadline, never later. */
  #timerDueAt = Infinity;
  #scheduled: Deadline[] = [];

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Whether no deadline is pending. */
  get isEmpty(): boolean {
    const scheduled = this.#scheduled.some((entry) => entry.queueState === 'scheduled');
    return this.#head === undefined && !scheduled;
  }

  /**
   * Adds `entry` in a microtask queued now, unless `remove` is called first. Entries scheduled
   * in the same turn are added together.
   */
  schedule(entry: Deadline): void {
    entry.queueState = 'scheduled';
    if (this.#scheduled.push(entry) === 1) {
      void RESOLVED.then(this.#addScheduled);
    }
  }

  readonly #addScheduled = (): void => {
    const entries = this.#scheduled;
    this.#scheduled = [];
    let now: number | undefined;
    for (const entry of entries) {
      if (entry.queueState === 'scheduled') {
        now ??= this.#clock.now();
        this.add(entry, now);
      }
    }
  };

  /** Inserts `entry` after every entry with a deadline at or before its own. */
  add(entry: Deadline, now: number): void {
    let before = this.#tail;
    while (before !== undefined && before.deadline > entry.deadline) {
      before = before.previous;
    }
    entry.queueState = 'queued';
    entry.previous = before;
    entry.next = before === undefined ? this.#head : before.next;
    if (entry.next === undefined) {
      this.#tail = entry;
    } else {
      entry.next.previous = entry;
    }
    if (before === undefined) {
      this.#head = entry;
    } else {
      before.next = entry;
    }
    if (entry.deadline < this.#timerDueAt) {
      this.#arm(now);
    }
  }

  /** Removes `entry`, and clears the timer when no deadline is left. */
  remove(entry: Deadline): void {
    if (entry.queueState !== 'queued') {
      entry.queueState = 'idle';
      return;
    }
    this.#unlink(entry);
    if (this.#head === undefined) {
      this.#disarm();
    }
  }

  #unlink(entry: Deadline): void {
    entry.queueState = 'idle';
    if (entry.previous === undefined) {
      this.#head = entry.next;
    } else {
      entry.previous.next = entry.next;
    }
    if (entry.next === undefined) {
      this.#tail = entry.previous;
    } else {
      entry.next.previous = entry.previous;
    }
    entry.previous = undefined;
    entry.next = undefined;
  }

  /** Arms the timer for the head's deadline, replacing a timer armed for a later time. */
  #arm(now: number): void {
    if (this.#head === undefined) {
      return;
    }
    if (this.#timer !== undefined) {
      this.#clock.clearTimeout(this.#timer);
    }
    const delayMs = Math.min(Math.max(this.#head.deadline - now, 0), MAX_TIMER_DELAY_MS);
    this.#timerDueAt = now + delayMs;
    this.#timer = this.#clock.setTimeout(this.#onTimer, delayMs, { unref: true });
  }

  #disarm(): void {
    if (this.#timer !== undefined) {
      this.#clock.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    this.#timerDueAt = Infinity;
  }

  /** Expires every entry whose deadline has passed, then arms the timer for the next one. */
  readonly #onTimer = (): void => {
    this.#timer = undefined;
    this.#timerDueAt = Infinity;
    const now = this.#clock.now();
    let entry = this.#head;
    while (entry !== undefined && entry.deadline <= now) {
      this.#unlink(entry);
      entry.expire();
      entry = this.#head;
    }
    this.#arm(now);
  };
}
