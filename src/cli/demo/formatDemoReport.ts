import type { RunnerCounts } from './DeliveryCounters.js';
import type { DemoResult } from './runDemo.js';

/** Formats a demo result as a short report for a person to read. */
export function formatDemoReport({ report, counts, buffer, kills }: DemoResult): string {
  const verdict =
    report.lost === 0 && report.outOfOrder === 0
      ? 'OK: every message arrived, in order.'
      : 'FAILED: messages were lost or arrived out of order.';
  const lines = [
    'Delivery to a flaky server on 127.0.0.1: retry → circuit breaker → timeout,',
    `behind a buffer in ${buffer === 'memory' ? 'memory' : `the SQLite file ${buffer}`}`,
    '',
    'What the server received',
    `  sent              ${report.sent}`,
    `  delivered         ${report.delivered}`,
    `  lost              ${report.lost}`,
    `  out of order      ${report.outOfOrder}`,
    `  duplicates        ${report.duplicates} (accepted again after the client timed out and retried)`,
    `  attempts          ${report.attempts} requests`,
    `  server errors     ${report.rejectedByServer} (${report.rejectedDuringOutage} during the outage)`,
    `  slow answers      ${report.slowAnswers}`,
    '',
    'What the runners did                  total   during the outage',
    ...formatCounts(counts.total, counts.duringOutage),
  ];
  if (kills > 0) {
    lines.push(`  delivery process killed with SIGKILL ${kills} times and restarted`);
  }
  lines.push('', `elapsed ${report.elapsedMs} ms`, verdict);
  return lines.join('\n');
}

const LABELS: Readonly<Record<keyof RunnerCounts, string>> = {
  retried: 'retry: attempts retried',
  gaveUp: 'retry: messages given up',
  timedOut: 'timeout: attempts timed out',
  shortCircuited: 'breaker: calls short-circuited',
  opened: 'breaker: times opened',
  kept: 'buffer: messages kept for a replay',
  replayed: 'buffer: failed messages replayed',
};

function formatCounts(total: RunnerCounts, duringOutage: RunnerCounts): string[] {
  return (Object.keys(LABELS) as (keyof RunnerCounts)[]).map(
    (field) =>
      `  ${LABELS[field].padEnd(34)} ${String(total[field]).padStart(6)}   ` +
      String(duringOutage[field]).padStart(6),
  );
}
