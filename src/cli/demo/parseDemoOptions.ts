import { parseArgs } from 'node:util';
import { DEMO_DEFAULTS, type DemoOptions } from './DemoOptions.js';
import { UsageError } from '../UsageError.js';

interface NumberOption {
  readonly flag: string;
  readonly key: keyof DemoOptions;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

const NUMBER_OPTIONS: readonly NumberOption[] = [
  { flag: 'messages', key: 'messages', min: 1, max: 10_000_000, integer: true },
  { flag: 'failure-rate', key: 'failureRate', min: 0, max: 0.95, integer: false },
  { flag: 'slow-rate', key: 'slowRate', min: 0, max: 1, integer: false },
  { flag: 'slow-ms', key: 'slowMs', min: 0, max: 60_000, integer: true },
  { flag: 'outage-start-ms', key: 'outageStartMs', min: 0, max: 3_600_000, integer: true },
  { flag: 'outage-ms', key: 'outageMs', min: 0, max: 3_600_000, integer: true },
  { flag: 'drain-interval-ms', key: 'drainIntervalMs', min: 1, max: 60_000, integer: true },
  { flag: 'time-limit-ms', key: 'timeLimitMs', min: 1, max: 86_400_000, integer: true },
  { flag: 'timeout-ms', key: 'timeoutMs', min: 1, max: 600_000, integer: true },
  { flag: 'attempts', key: 'attempts', min: 1, max: 100, integer: true },
  { flag: 'crashes', key: 'crashes', min: 1, max: 1_000, integer: true },
  { flag: 'seed', key: 'seed', min: 0, max: 4_294_967_295, integer: true },
];

/** Parses the arguments after `demo` and throws a {@link UsageError} on an invalid one. */
export function parseDemoOptions(args: readonly string[]): DemoOptions {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      ...Object.fromEntries(NUMBER_OPTIONS.map(({ flag }) => [flag, { type: 'string' }])),
      buffer: { type: 'string' },
      'in-memory': { type: 'boolean' },
      'crash-test': { type: 'boolean' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
    } as const,
  });
  const options: Record<string, unknown> = { ...DEMO_DEFAULTS };
  for (const rule of NUMBER_OPTIONS) {
    const text = (values as Record<string, string | boolean | undefined>)[rule.flag];
    if (typeof text === 'string') {
      options[rule.key] = parseNumber(rule, text);
    }
  }
  options.bufferPath = parseBufferPath(values.buffer);
  options.inMemory = values['in-memory'] === true;
  options.crashTest = values['crash-test'] === true;
  if (options.inMemory && (options.bufferPath !== undefined || options.crashTest)) {
    throw new UsageError(
      '--in-memory cannot be combined with --buffer or --crash-test: an in-memory buffer ' +
        'does not survive its process.',
    );
  }
  options.json = values.json === true;
  options.quiet = values.quiet === true;
  return options as unknown as DemoOptions;
}

function parseNumber(rule: NumberOption, text: string): number {
  const value = text.trim() === '' ? NaN : Number(text);
  const valid =
    Number.isFinite(value) &&
    value >= rule.min &&
    value <= rule.max &&
    (!rule.integer || Number.isInteger(value));
  if (!valid) {
    const kind = rule.integer ? 'an integer' : 'a number';
    throw new UsageError(
      `Invalid --${rule.flag} ${JSON.stringify(text)}: expected ${kind} from ${rule.min} to ` +
        `${rule.max}.`,
    );
  }
  return value;
}

function parseBufferPath(path: string | undefined): string | undefined {
  if (path !== undefined && path.trim() === '') {
    throw new UsageError('Invalid --buffer "": expected the path of a SQLite file.');
  }
  return path;
}
