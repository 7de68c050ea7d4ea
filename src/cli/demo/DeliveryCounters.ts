/** Event counts of the runners of one delivery process. */
export interface RunnerCounts {
  /** Attempts the retry runner started again after a failure. */
  retried: number;
  /** Messages the retry runner gave up on, which then stayed in the buffer. */
  gaveUp: number;
  /** Attempts the timeout runner cut at the deadline. */
  timedOut: number;
  /** Calls the circuit breaker rejected without calling the server. */
  shortCircuited: number;
  /** Times the circuit breaker opened. */
  opened: number;
  /** Messages whose `run()` call ended with the message kept in the buffer for a replay. */
  kept: number;
  /** Messages the buffered runner ran again after an earlier failure. */
  replayed: number;
}

/** Counts of a delivery process, split by whether the server's outage was in progress. */
export interface DeliveryCounts {
  readonly total: RunnerCounts;
  readonly duringOutage: RunnerCounts;
  /** Messages delivered, as the client saw them. */
  readonly delivered: number;
}

/** Creates counts that are all zero. */
export function emptyRunnerCounts(): RunnerCounts {
  return { retried: 0, gaveUp: 0, timedOut: 0, shortCircuited: 0, opened: 0, kept: 0, replayed: 0 };
}

/** Adds `addend` into `sum`, field by field. */
export function addRunnerCounts(sum: RunnerCounts, addend: RunnerCounts): void {
  for (const field of Object.keys(sum) as (keyof RunnerCounts)[]) {
    sum[field] += addend[field];
  }
}

/** Counts runner events, each also under `duringOutage` when `isOutage()` returns true. */
export class DeliveryCounters {
  readonly #isOutage: () => boolean;
  readonly #total = emptyRunnerCounts();
  readonly #duringOutage = emptyRunnerCounts();
  #delivered = 0;

  constructor(isOutage: () => boolean) {
    this.#isOutage = isOutage;
  }

  /** Adds one to `field`. */
  count(field: keyof RunnerCounts): void {
    this.#total[field]++;
    if (this.#isOutage()) {
      this.#duringOutage[field]++;
    }
  }

  /** Adds one delivered message. */
  countDelivered(): void {
    this.#delivered++;
  }

  /** Returns a copy of the counts so far. */
  snapshot(): DeliveryCounts {
    return {
      total: { ...this.#total },
      duringOutage: { ...this.#duringOutage },
      delivered: this.#delivered,
    };
  }
}
