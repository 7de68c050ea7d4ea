/** Settings of the `run` command, parsed from its arguments. */
export interface RunCommandOptions {
  /** The program to start, found on the PATH unless it contains a slash. */
  readonly command: string;
  /** The program's arguments, passed as given, without a shell. */
  readonly args: readonly string[];
  /** How many attempts to make at most, the first one included. @default 3 */
  readonly attempts: number;
  /** The delay before the first retry, in milliseconds. @default 1_000 */
  readonly initialDelayMs: number;
  /** The largest delay between two attempts, in milliseconds. @default 30_000 */
  readonly maxDelayMs: number;
  /** The multiplier from one delay to the next. @default 2 */
  readonly factor: number;
  /** Whether each delay is drawn at random from 0 to its exponential value. @default true */
  readonly jitter: boolean;
  /** The time limit of each attempt, in milliseconds. @default undefined (no limit) */
  readonly timeoutMs: number | undefined;
  /** The wait between SIGTERM and SIGKILL when an attempt is stopped. @default 5_000 */
  readonly killGraceMs: number;
  /** The only exit codes that are retried. @default undefined (every non-zero code) */
  readonly retryOnExitCodes: readonly number[] | undefined;
  /** Exit codes that stop the run at once. @default [] */
  readonly noRetryExitCodes: readonly number[];
  /** Whether to hide the tool's progress lines. @default false */
  readonly quiet: boolean;
}

/** The defaults of the `run` command's options. */
export const RUN_DEFAULTS = Object.freeze({
  attempts: 3,
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  factor: 2,
  jitter: true,
  timeoutMs: undefined,
  killGraceMs: 5_000,
  retryOnExitCodes: undefined,
  noRetryExitCodes: Object.freeze([]),
  quiet: false,
} satisfies Omit<RunCommandOptions, 'command' | 'args'>);
