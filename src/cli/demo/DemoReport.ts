import type { FlakyServerRecord } from './FlakyServer.js';

/** The outcome of a demo run, computed from what the server accepted. */
export interface DemoReport {
  /** Messages the client handed to the runner. */
  readonly sent: number;
  /** Distinct messages the server accepted. */
  readonly delivered: number;
  /** Messages the server never accepted. */
  readonly lost: number;
  /** Accepted messages that arrived after a message with a higher sequence number. */
  readonly outOfOrder: number;
  /** Acceptances of a message the server had already accepted. */
  readonly duplicates: number;
  /** Requests the server received, accepted or not. */
  readonly attempts: number;
  /** Requests that got an error response, and how many of them during the outage. */
  readonly rejectedByServer: number;
  readonly rejectedDuringOutage: number;
  /** Requests that got a slow response. */
  readonly slowAnswers: number;
  /** Wall-clock time of the delivery, in milliseconds. */
  readonly elapsedMs: number;
}

/** Computes a {@link DemoReport} from the server's record of the messages `1..sent`. */
export function computeDemoReport(
  sent: number,
  record: FlakyServerRecord,
  elapsedMs: number,
): DemoReport {
  const seen = new Set<number>();
  let duplicates = 0;
  let outOfOrder = 0;
  let highest = 0;
  for (const { sequence } of record.accepted) {
    if (seen.has(sequence)) {
      duplicates++;
      continue;
    }
    seen.add(sequence);
    if (sequence < highest) {
      outOfOrder++;
    }
    highest = Math.max(highest, sequence);
  }
  let delivered = 0;
  for (let sequence = 1; sequence <= sent; sequence++) {
    delivered += seen.has(sequence) ? 1 : 0;
  }
  return {
    sent,
    delivered,
    lost: sent - delivered,
    outOfOrder,
    duplicates,
    attempts: record.requests,
    rejectedByServer: record.rejected,
    rejectedDuringOutage: record.rejectedDuringOutage,
    slowAnswers: record.slow,
    elapsedMs,
  };
}
