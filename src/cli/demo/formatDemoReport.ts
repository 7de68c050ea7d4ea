import type { DemoResult } from './runDemo.js';

/** Formats a demo result as a short report for a person to read. */
export function formatDemoReport({ report, client }: DemoResult): string {
  const verdict =
    report.lost === 0 && report.outOfOrder === 0
      ? 'OK: every message arrived, in order.'
      : 'FAILED: messages were lost or arrived out of order.';
  return [
    'Delivery through a buffered runner to a flaky server on 127.0.0.1',
    `  sent            ${report.sent}`,
    `  delivered       ${report.delivered}`,
    `  lost            ${report.lost}`,
    `  out of order    ${report.outOfOrder}`,
    `  duplicates      ${report.duplicates}`,
    `  attempts        ${report.attempts} requests received by the server`,
    `  server errors   ${report.rejectedByServer} (${report.rejectedDuringOutage} during the outage)`,
    `  slow answers    ${report.slowAnswers}`,
    `  kept in buffer  ${client.kept} calls rejected with their message kept for replay`,
    `  drains          ${client.drains} replays of the buffer after the last message was added`,
    `  elapsed         ${report.elapsedMs} ms`,
    verdict,
  ].join('\n');
}
