import { execFile } from 'node:child_process';

/** The built command-line entry point; `npm test` builds it first. */
export const CLI_MAIN = new URL('../dist/cli/main.js', import.meta.url).pathname;

/** The exit code and output of one run of the command-line tool. */
export interface CliResult {
  /** The exit code, or `null` when a signal ended the process. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `fault-tolerance` with `args` in a child process and resolves once it exits. */
export function runCli(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI_MAIN, ...args], (error, stdout, stderr) => {
      const code = error === null ? 0 : ((error as { code?: number | null }).code ?? null);
      resolve({ code, stdout, stderr });
    });
  });
}
