import { parseArgs } from 'node:util';
import { MAX_TIMER_DELAY_MS } from '../../clock/maxTimerDelay.js';
import { UsageError } from '../UsageError.js';
import { parseExitCodes } from './parseExitCodes.js';
import { parseNumberArgument, type ArgumentRange } from './parseNumberArgument.js';
import { RUN_DEFAULTS, type RunCommandOptions } from './RunCommandOptions.js';

/** The request that the arguments of `run` make: print the usage, or run a command. */
export type RunRequest =
  { readonly kind: 'help' } | { readonly kind: 'run'; readonly options: RunCommandOptions };

type NumberKey =
  'attempts' | 'initialDelayMs' | 'maxDelayMs' | 'factor' | 'timeoutMs' | 'killGraceMs';

const DELAY_RANGE: ArgumentRange = { min: 0, max: MAX_TIMER_DELAY_MS, integer: true };

const NUMBER_OPTIONS: readonly (ArgumentRange & { flag: string; key: NumberKey })[] = [
  { flag: 'attempts', key: 'attempts', min: 1, max: 1_000_000, integer: true },
  { flag: 'initial-delay-ms', key: 'initialDelayMs', ...DELAY_RANGE },
  { flag: 'max-delay-ms', key: 'maxDelayMs', ...DELAY_RANGE },
  { flag: 'factor', key: 'factor', min: 1, max: 1_000, integer: false },
  { flag: 'timeout-ms', key: 'timeoutMs', ...DELAY_RANGE, min: 1 },
  { flag: 'kill-grace-ms', key: 'killGraceMs', ...DELAY_RANGE },
];

const EXAMPLE = '`fault-tolerance run --attempts 5 -- curl -f http://localhost:8080/health`';

/**
 * Parses the arguments after `run`: the tool's options, then `--`, then the command and its
 * arguments, which are never parsed. Throws a {@link UsageError} for a missing command or an
 * invalid option.
 */
export function parseRunOptions(args: readonly string[]): RunRequest {
  const separator = args.indexOf('--');
  const { values, tokens, positionals } = parseOwnArguments(
    separator === -1 ? args : args.slice(0, separator),
  );
  if (values.help === true) {
    return { kind: 'help' };
  }
  const [unexpected] = positionals;
  if (unexpected !== undefined) {
    throw new UsageError(
      `Unexpected argument ${JSON.stringify(unexpected)}: put the command after \`--\`, ` +
        `as in ${EXAMPLE}.`,
    );
  }
  const [command, ...commandArgs] = separator === -1 ? [] : args.slice(separator + 1);
  if (command === undefined || command === '') {
    throw new UsageError(
      separator === -1
        ? `Missing the command: put it after \`--\`, as in ${EXAMPLE}.`
        : 'Missing the command after `--`.',
    );
  }

  const texts = values as Record<string, string | boolean | undefined>;
  const options: RunCommandOptions = {
    ...RUN_DEFAULTS,
    ...parseNumbers(texts),
    command,
    args: commandArgs,
    jitter: lastJitterFlag(tokens) ?? RUN_DEFAULTS.jitter,
    retryOnExitCodes: optionalCodes('retry-on-exit-codes', texts),
    noRetryExitCodes: optionalCodes('no-retry-exit-codes', texts) ?? RUN_DEFAULTS.noRetryExitCodes,
    quiet: values.quiet === true,
  };
  assertConsistent(options);
  return { kind: 'run', options };
}

/** Parses the tool's own options, the arguments before `--`. */
function parseOwnArguments(own: readonly string[]) {
  return parseArgs({
    args: [...own],
    strict: true,
    allowPositionals: true,
    tokens: true,
    options: {
      ...Object.fromEntries(NUMBER_OPTIONS.map(({ flag }) => [flag, { type: 'string' }])),
      'retry-on-exit-codes': { type: 'string' },
      'no-retry-exit-codes': { type: 'string' },
      jitter: { type: 'boolean' },
      'no-jitter': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    } as const,
  });
}

function parseNumbers(
  texts: Record<string, string | boolean | undefined>,
): Partial<RunCommandOptions> {
  const parsed: Partial<Record<NumberKey, number>> = {};
  for (const rule of NUMBER_OPTIONS) {
    const text = texts[rule.flag];
    if (typeof text === 'string') {
      parsed[rule.key] = parseNumberArgument(rule.flag, text, rule);
    }
  }
  return parsed;
}

function optionalCodes(
  flag: string,
  texts: Record<string, string | boolean | undefined>,
): readonly number[] | undefined {
  const text = texts[flag];
  return typeof text === 'string' ? parseExitCodes(flag, text) : undefined;
}

/** Returns the choice of the last `--jitter` or `--no-jitter` flag, so that a later flag wins. */
function lastJitterFlag(tokens: ReturnType<typeof parseArgs>['tokens']): boolean | undefined {
  let jitter: boolean | undefined;
  for (const token of tokens ?? []) {
    if (token.kind === 'option' && (token.name === 'jitter' || token.name === 'no-jitter')) {
      jitter = token.name === 'jitter';
    }
  }
  return jitter;
}

/** Rejects options that are valid alone but contradict each other. */
function assertConsistent(options: RunCommandOptions): void {
  if (options.initialDelayMs > options.maxDelayMs) {
    throw new UsageError(
      `Invalid --initial-delay-ms ${options.initialDelayMs}: expected at most --max-delay-ms ` +
        `(${options.maxDelayMs}); raise --max-delay-ms or lower --initial-delay-ms.`,
    );
  }
  const both = options.retryOnExitCodes?.find((code) => options.noRetryExitCodes.includes(code));
  if (both !== undefined) {
    throw new UsageError(
      `Exit code ${both} is in both --retry-on-exit-codes and --no-retry-exit-codes; ` +
        'list it in one of them.',
    );
  }
}
