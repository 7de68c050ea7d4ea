import { parseArgs } from 'node:util';
import { UsageError } from '../UsageError.js';

/** The subcommands of `buffer`. */
export const BUFFER_SUBCOMMANDS = ['list', 'dead', 'requeue', 'drop', 'stats'] as const;

export type BufferSubcommand = (typeof BUFFER_SUBCOMMANDS)[number];

/** The request that the arguments of `buffer` make: print the usage, or run a subcommand. */
export type BufferRequest =
  | { readonly kind: 'help' }
  | {
      readonly kind: BufferSubcommand;
      /** The buffer file. */
      readonly file: string;
      /** The buffer's name inside the file. */
      readonly name: string;
      /** The operation id, for `requeue` and `drop`. */
      readonly operationId: string | undefined;
      readonly json: boolean;
      /** Whether `requeue` puts the operation first in its key instead of last. */
      readonly head: boolean;
    };

/** The options each subcommand accepts besides `--file`, `--name` and `--help`. */
const EXTRA_OPTIONS: Readonly<Record<BufferSubcommand, readonly string[]>> = {
  list: ['json'],
  dead: ['json'],
  stats: ['json'],
  requeue: ['head'],
  drop: [],
};

/** Parses the arguments after `buffer`; throws a {@link UsageError} on an invalid one. */
export function parseBufferOptions(args: readonly string[]): BufferRequest {
  const { values, positionals } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean' },
      head: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [subcommand, ...rest] = positionals;
  if (values.help === true || subcommand === 'help') {
    return { kind: 'help' };
  }
  const kind = parseSubcommand(subcommand);
  for (const option of ['json', 'head'] as const) {
    if (values[option] === true && !EXTRA_OPTIONS[kind].includes(option)) {
      throw new UsageError(`--${option} does not apply to \`buffer ${kind}\`.`);
    }
  }
  return {
    kind,
    file: requireFile(values.file),
    name: parseName(values.name),
    operationId: parseOperationId(kind, rest),
    json: values.json === true,
    head: values.head === true,
  };
}

function parseSubcommand(subcommand: string | undefined): BufferSubcommand {
  if (subcommand === 'replay') {
    throw new UsageError(
      '`buffer replay` does not exist: replaying runs the operations, and only the ' +
        "application's own runner has their handlers. Start the application's " +
        'BufferedOperationRunner to replay; use `buffer requeue` to move a dead letter back.',
    );
  }
  if (!BUFFER_SUBCOMMANDS.includes(subcommand as BufferSubcommand)) {
    const expected = BUFFER_SUBCOMMANDS.join(', ');
    throw new UsageError(
      subcommand === undefined
        ? `Missing the subcommand of \`buffer\`: expected one of ${expected}.`
        : `Unknown subcommand \`buffer ${subcommand}\`: expected one of ${expected}.`,
    );
  }
  return subcommand as BufferSubcommand;
}

function requireFile(file: string | undefined): string {
  if (file === undefined || file === '') {
    throw new UsageError('Missing --file PATH: the SQLite buffer file to inspect.');
  }
  return file;
}

function parseName(name: string | undefined): string {
  if (name === '') {
    throw new UsageError('Invalid --name "": expected a non-empty buffer name.');
  }
  return name ?? 'default';
}

function parseOperationId(kind: BufferSubcommand, rest: readonly string[]): string | undefined {
  const takesId = kind === 'requeue' || kind === 'drop';
  if (!takesId) {
    if (rest.length > 0) {
      throw new UsageError(
        `Unexpected argument ${JSON.stringify(rest[0])} after \`buffer ${kind}\`.`,
      );
    }
    return undefined;
  }
  const [operationId, extra] = rest;
  if (operationId === undefined || operationId === '') {
    throw new UsageError(`Missing the operation id: \`buffer ${kind} ID --file PATH\`.`);
  }
  if (extra !== undefined) {
    throw new UsageError(
      `Unexpected argument ${JSON.stringify(extra)}: \`buffer ${kind}\` takes one operation id.`,
    );
  }
  return operationId;
}
