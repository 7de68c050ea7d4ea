/** What the parent passes to a crash child, as JSON in its first argument. */
export interface ChildSettings {
  readonly databasePath: string;
  readonly executionLogPath: string;
  /** The child's number, from 0; ids of its operations start with `g<generation>-`. */
  readonly generation: number;
  /** `produce` adds and drains until killed; `drain` only drains, then exits. */
  readonly mode: 'produce' | 'drain';
  /** Concurrent producers, so that adds share group commits. */
  readonly producers: number;
  /** Operations added per generation at most. */
  readonly addsPerGeneration: number;
  /** Distinct ordering keys; 0 adds operations without a key. */
  readonly keys: number;
  /** The maximum pause of a producer between two adds, in milliseconds. */
  readonly maxProduceDelayMs: number;
  /** The maximum time the handler takes, in milliseconds. */
  readonly maxHandlerDelayMs: number;
  readonly leaseTtlMs: number;
}

/** One line of the execution log: one run of the handler. */
export interface ExecutionRecord {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly key: string | null;
  readonly generation: number;
  readonly attempt: number;
}
