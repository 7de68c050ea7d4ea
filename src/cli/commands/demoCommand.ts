import { formatDemoReport } from '../demo/formatDemoReport.js';
import { parseDemoOptions } from '../demo/parseDemoOptions.js';
import { runDemo, type ProgressListener } from '../demo/runDemo.js';

/** Usage of the `demo` command. */
export const DEMO_USAGE = `Usage: fault-tolerance demo [options]

Delivers messages to a flaky HTTP server on 127.0.0.1 through retry, a circuit breaker and a
timeout, behind a SQLite buffer, and reports from what the server received. Exit status: 0
when nothing was lost and nothing arrived out of order, 1 otherwise, 2 on invalid arguments.

Options:
  --messages N            messages to deliver (default 1000)
  --failure-rate R        share of requests the server fails, 0 to 0.95 (default 0.2)
  --slow-rate R           share of requests answered slowly, 0 to 1 (default 0.02)
  --slow-ms MS            delay of a slow answer in milliseconds (default 200)
  --outage-start-ms MS    start of the full outage after the server starts (default 300)
  --outage-ms MS          length of the full outage in milliseconds (default 700)
  --drain-interval-ms MS  wait between two drains of the buffer (default 50)
  --time-limit-ms MS      stop and report what is left as lost after this time (default 120000)
  --seed S                seed of the server's choices, for a reproducible run (default 1)
  --timeout-ms MS         timeout of one delivery attempt (default 50)
  --attempts N            delivery attempts of a message before it waits in the buffer (default 4)
  --buffer PATH           keep the buffer in this SQLite file (default: a temporary file)
  --in-memory             keep the buffer in memory instead of a SQLite file
  --crash-test            deliver from a child process, kill it with SIGKILL and restart it
  --crashes N             how many times --crash-test kills the delivery process (default 5)
  --json                  print one JSON object instead of the report
  --quiet                 print no progress lines`;

/** Creates a progress listener that prints a line on standard error when the counts change. */
function createProgressPrinter(): ProgressListener {
  const startedAt = Date.now();
  let previous = '';
  return (delivered, sent, buffered) => {
    const counts = `${delivered}/${sent} delivered, ${buffered} in the buffer`;
    if (counts !== previous) {
      previous = counts;
      const seconds = ((Date.now() - startedAt) / 1_000).toFixed(1);
      console.error(`progress: ${counts} (${seconds} s)`);
    }
  };
}

/**
 * Runs the demo and returns the exit status: 0 when nothing was lost and nothing arrived out
 * of order, 1 otherwise.
 */
export async function demoCommand(args: readonly string[]): Promise<number> {
  const options = parseDemoOptions(args);
  const result = await runDemo(options, options.quiet ? undefined : createProgressPrinter());
  const json = {
    ...result.report,
    buffer: result.buffer,
    kills: result.kills,
    runners: result.counts.total,
    runnersDuringOutage: result.counts.duringOutage,
  };
  console.log(options.json ? JSON.stringify(json) : formatDemoReport(result));
  return result.report.lost === 0 && result.report.outOfOrder === 0 ? 0 : 1;
}
