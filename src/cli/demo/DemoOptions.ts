/** Settings of one demo run, as parsed from the command line. */
export interface DemoOptions {
  /** Messages to deliver. @default 1000 */
  readonly messages: number;
  /** Share of requests, from 0 to 1, the server fails outside the outage. @default 0.2 */
  readonly failureRate: number;
  /** Share of requests, from 0 to 1, the server answers slowly. @default 0.05 */
  readonly slowRate: number;
  /** The delay of a slow answer, in milliseconds. @default 30 */
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
  /** Print one JSON object instead of the human-readable report. @default false */
  readonly json: boolean;
  /** Print no progress lines. @default false */
  readonly quiet: boolean;
}

/** Defaults of {@link DemoOptions}. */
export const DEMO_DEFAULTS: DemoOptions = Object.freeze({
  messages: 1000,
  failureRate: 0.2,
  slowRate: 0.05,
  slowMs: 30,
  outageStartMs: 300,
  outageMs: 700,
  drainIntervalMs: 50,
  timeLimitMs: 120_000,
  seed: 1,
  json: false,
  quiet: false,
});
