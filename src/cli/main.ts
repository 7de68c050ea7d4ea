#!/usr/bin/env node
import { describeValue } from '../validation/describeValue.js';
import { UsageError } from './UsageError.js';

/** A command of the tool: it takes the arguments after its name and returns the exit status. */
type Command = (args: readonly string[]) => Promise<number>;

/** A command and its usage text, loaded only when the command runs, to keep startup short. */
type CommandLoader = () => Promise<{ readonly command: Command; readonly usage: string }>;

const COMMANDS: Readonly<Record<string, CommandLoader>> = {
  demo: async () => {
    const module = await import('./commands/demoCommand.js');
    return { command: module.demoCommand, usage: module.DEMO_USAGE };
  },
  run: async () => {
    const module = await import('./commands/runCommand.js');
    return { command: module.runCommand, usage: module.RUN_USAGE };
  },
  buffer: async () => {
    const module = await import('./commands/bufferCommand.js');
    return { command: module.bufferCommand, usage: module.BUFFER_USAGE };
  },
  // The delivery process of `demo --crash-test`; not listed in the usage.
  'demo-worker': async () => {
    const module = await import('./commands/demoWorkerCommand.js');
    return { command: module.demoWorkerCommand, usage: '' };
  },
};

const USAGE = `Usage: fault-tolerance <command> [options]

Commands:
  demo    Deliver messages to a flaky HTTP server on 127.0.0.1 through a buffered
          runner and report, from what the server received, what was lost.
  run     Run a command with retry, backoff and a timeout per attempt.
  buffer  Inspect an SQLite buffer file; requeue and drop its dead letters.

Run \`fault-tolerance <command> --help\` for the options of a command.

Exit status: 0 on success (for demo: nothing lost and nothing out of order), 1 on failure,
2 on invalid arguments.`;

async function main(args: readonly string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) {
    throw new UsageError(`Unknown command ${JSON.stringify(name)}.`);
  }
  const { command, usage } = await load();
  if (asksForHelp(rest)) {
    console.log(usage);
    return 0;
  }
  return command(rest);
}

/** Tells whether `--help` or `-h` comes before `--`, after which arguments belong to a child. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  const own = end === -1 ? args : args.slice(0, end);
  return own.includes('--help') || own.includes('-h');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || isParseArgsError(error)) {
      console.error(`fault-tolerance: ${(error as Error).message}\nRun with --help for usage.`);
      process.exitCode = 2;
      return;
    }
    console.error(describeFailure(error));
    process.exitCode = 1;
  },
);

/**
 * Formats an error and its chain of causes as lines of `fault-tolerance: Name: message`. The
 * stack is printed only when the environment variable `FAULT_TOLERANCE_DEBUG` is set.
 */
function describeFailure(error: unknown): string {
  if (process.env.FAULT_TOLERANCE_DEBUG !== undefined) {
    return error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    const prefix = depth === 0 ? 'fault-tolerance: ' : '  cause: ';
    lines.push(
      prefix +
        (current instanceof Error ? `${current.name}: ${current.message}` : describeValue(current)),
    );
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\n');
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
