/** Settings of one demo run, as parsed from the command line. */
export interface DemoOptions {
  /** Messages to deliver. @default 1000 */
  readonly messages: number;
  /** Share of requests, from 0 to 1, the server fails outside the outage. @default 0.2 */
  readonly failureRate: number;
  /** Share of requests, from 0 to 1, that get a slow response. @default 0.02 */
  readonly slowRate: number;
  /** The delay of a slow response, in milliseconds. @default 200 */
  readonly slowMs: number;
  /** When the full outage starts, in milliseconds after the server starts. @default 300 */
  readonly outageStartMs: number;
  /** How long the full outage lasts, in milliseconds. @default 700 */
  readonly outageMs: number;
  /** The wait between two drains of the buffer, in milliseconds. @default 50 */
  readonly drainIntervalMs: number;
  /** Time after which the demo stops delivering and reports what is left as lost. @default 120000 */
  readonly timeLimitMs: number;
  /** Seed of the server's choices. @default 1 */
  readonly seed: number;
  /** Timeout of one delivery attempt, in milliseconds. @default 50 */
  readonly timeoutMs: number;
  /** Delivery attempts of one message before it stays in the buffer. @default 4 */
  readonly attempts: number;
  /**
   * The SQLite file of the buffer. `undefined` means a file in a new temporary folder, removed
   * after the run. @default undefined
   */
  readonly bufferPath: string | undefined;
  /** Keep the buffer in memory instead of a SQLite file. @default false */
  readonly inMemory: boolean;
  /** Deliver from a child process that is killed with SIGKILL and restarted. @default false */
  readonly crashTest: boolean;
  /** How many times the crash test kills the delivery process. @default 5 */
  readonly crashes: number;
  /** Print one JSON object instead of the human-readable report. @default false */
  readonly json: boolean;
  /** Print no progress lines. @default false */
  readonly quiet: boolean;
}

/** Defaults of {@link DemoOptions}. */
export const DEMO_DEFAULTS: DemoOptions = Object.freeze({
  messages: 1000,
  failureRate: 0.2,
  slowRate: 0.02,
  slowMs: 200,
  outageStartMs: 300,
  outageMs: 700,
  drainIntervalMs: 50,
  timeLimitMs: 120_000,
  seed: 1,
  timeoutMs: 50,
  attempts: 4,
  bufferPath: undefined,
  inMemory: false,
  crashTest: false,
  crashes: 5,
  json: false,
  quiet: false,
});
