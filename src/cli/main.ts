#!/usr/bin/env node
import { BUFFER_USAGE, bufferCommand } from './commands/bufferCommand.js';
import { DEMO_USAGE, demoCommand } from './commands/demoCommand.js';
import { demoWorkerCommand } from './commands/demoWorkerCommand.js';
import { RUN_USAGE, runCommand } from './commands/runCommand.js';
import { UsageError } from './UsageError.js';

/** A command of the tool: it takes the arguments after its name and returns the exit status. */
type Command = (args: readonly string[]) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  demo: demoCommand,
  run: runCommand,
  buffer: bufferCommand,
  // The delivery process of `demo --crash-test`; not listed in the usage.
  'demo-worker': demoWorkerCommand,
};

const USAGE = `Usage: fault-tolerance <command> [options]

Commands:
  demo    Deliver messages to a flaky HTTP server on 127.0.0.1 through a buffered
          runner and report, from what the server received, what was lost.
  run     Run a command with retry, backoff and a timeout per attempt.
  buffer  Inspect an SQLite buffer file; requeue and drop its dead letters.

${DEMO_USAGE}

${RUN_USAGE}

${BUFFER_USAGE}

Exit status: 0 on success (for demo: nothing lost and nothing out of order), 1 on failure,
2 on invalid arguments.`;

async function main(args: readonly string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    throw new UsageError(`Unknown command ${JSON.stringify(name)}.`);
  }
  return command(rest);
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
    console.error(error);
    process.exitCode = 1;
  },
);

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
