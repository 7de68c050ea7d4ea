import { parseRunOptions } from '../run/parseRunOptions.js';
import { runWithRetry } from '../run/runWithRetry.js';

/** Usage of the `run` command. */
export const RUN_USAGE = `Usage: fault-tolerance run [options] -- <command> [args...]

Runs the command without a shell, with its standard input, output and error passed through,
and retries it with exponential backoff while it fails.

Options of run:
  --attempts N               attempts at most, the first one included, 1 to 1000000 (default 3)
  --initial-delay-ms MS      delay before the first retry (default 1000)
  --max-delay-ms MS          largest delay between two attempts (default 30000)
  --factor F                 multiplier from one delay to the next, 1 to 1000 (default 2)
  --jitter, --no-jitter      draw each delay at random from 0 to its value, or not (default on)
  --timeout-ms MS            time limit of each attempt; at the limit the command gets SIGTERM,
                             then SIGKILL after --kill-grace-ms, and counts as failed
                             (default none)
  --kill-grace-ms MS         wait between SIGTERM and SIGKILL when stopping the command
                             (default 5000)
  --retry-on-exit-codes L    retry only these exit codes, such as 1,75 (default: every
                             non-zero code)
  --no-retry-exit-codes L    exit codes that stop at once, such as 2,64 (default none)
  --quiet                    print no retry lines; messages that explain an exit status the
                             command did not return are still printed
  -h, --help                 print this help

Delays are in milliseconds, from 0 to 2147483647. A timed-out attempt is retried. A command
killed by a signal that the tool did not send is retried unless --retry-on-exit-codes is given.
SIGINT or SIGTERM sent to the tool stops the command (SIGTERM, then SIGKILL after
--kill-grace-ms, or at once on a second signal) and the retries.

Exit status of run: the command's last exit code; 1 when the last attempt timed out or was
killed by a signal; 126 when the command cannot be executed; 127 when it is not found; 130 or
143 when the tool was interrupted by SIGINT or SIGTERM; 2 on invalid arguments.`;

/** Runs the `run` command and returns the tool's exit status. */
export async function runCommand(args: readonly string[]): Promise<number> {
  const request = parseRunOptions(args);
  if (request.kind === 'help') {
    console.log(RUN_USAGE);
    return 0;
  }
  return runWithRetry(request.options, (line) => console.error(`fault-tolerance: ${line}`));
}
