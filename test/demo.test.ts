import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli.js';

const cli = runCli;

describe('fault-tolerance demo', () => {
  it('delivers every message in order through an outage', async () => {
    const result = await cli('demo', '--messages', '200', '--json', '--quiet');
    const report = JSON.parse(result.stdout) as Record<string, number>;
    expect(result.code).toBe(0);
    expect(report.sent).toBe(200);
    expect(report.delivered).toBe(200);
    expect(report.lost).toBe(0);
    expect(report.outOfOrder).toBe(0);
    expect(report.rejectedDuringOutage).toBeGreaterThan(0);
    expect(report.attempts).toBeGreaterThan(200);
  });

  it('keeps the buffer file given with --buffer', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'demo-test-'));
    try {
      const path = join(folder, 'outbox.db');
      const result = await cli('demo', '--messages', '30', '--json', '--quiet', '--buffer', path);
      const report = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(result.code).toBe(0);
      expect(report.buffer).toBe(path);
      expect(existsSync(path)).toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('rejects a buffer file with leftovers', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'demo-test-'));
    try {
      const path = join(folder, 'outbox.db');
      const first = await cli(
        ...['demo', '--messages', '20', '--json', '--quiet', '--buffer', path],
        ...['--outage-start-ms', '0', '--outage-ms', '600000', '--time-limit-ms', '1500'],
      );
      const second = await cli('demo', '--messages', '20', '--quiet', '--buffer', path);

      expect(first.code).toBe(1);
      expect(second.code).toBe(2);
      expect(second.stderr).toMatch(/contains [1-9]\d* messages of an earlier run/);
      expect(second.stdout).toBe('');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reports an unusable buffer file without a stack', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'demo-test-'));
    try {
      const path = join(folder, 'notes.db');
      writeFileSync(path, 'not a database');
      const result = await cli('demo', '--messages', '5', '--quiet', '--buffer', path);

      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^fault-tolerance: BufferFileError: .*notes\.db/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(path, 'utf8')).toBe('not a database');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('delivers from memory with --in-memory', async () => {
    const result = await cli('demo', '--messages', '50', '--json', '--quiet', '--in-memory');
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(result.code).toBe(0);
    expect(report.buffer).toBe('memory');
    expect(report.delivered).toBe(50);
  });

  it('loses nothing when the delivery process is killed', async () => {
    const result = await cli(
      ...['demo', '--messages', '150', '--json', '--quiet', '--crash-test', '--crashes', '3'],
    );
    const report = JSON.parse(result.stdout) as Record<string, number>;
    expect(result.code).toBe(0);
    expect(report.kills).toBe(3);
    expect(report.delivered).toBe(150);
    expect(report.lost).toBe(0);
    expect(report.outOfOrder).toBe(0);
  });

  it('counts what the runners did during the outage', async () => {
    const result = await cli(
      ...['demo', '--messages', '100', '--json', '--quiet', '--outage-start-ms', '0'],
      ...['--outage-ms', '1500', '--failure-rate', '0'],
    );
    const report = JSON.parse(result.stdout) as Record<string, Record<string, number>>;
    expect(result.code).toBe(0);
    expect(report.runnersDuringOutage!.retried).toBeGreaterThan(0);
    expect(report.runnersDuringOutage!.opened).toBeGreaterThan(0);
    expect(report.runners!.replayed).toBeGreaterThan(0);
  });

  it('reports lost messages with exit status 1', async () => {
    const result = await cli(
      ...['demo', '--messages', '50', '--json', '--quiet', '--outage-start-ms', '0'],
      ...['--outage-ms', '600000', '--time-limit-ms', '300'],
    );
    const report = JSON.parse(result.stdout) as Record<string, number>;
    expect(result.code).toBe(1);
    expect(report.delivered).toBe(0);
    expect(report.lost).toBe(50);
  });

  it('prints progress on standard error', async () => {
    const result = await cli('demo', '--messages', '20', '--json');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/progress: 20\/20 delivered, 0 in the buffer/);
  });

  it.each([
    [['--messages=-1'], /Invalid --messages "-1": expected an integer from 1/],
    [['--messages', '-1'], /Option '--messages' argument is ambiguous/],
    [['--messages', '0'], /Invalid --messages "0"/],
    [['--messages', 'ten'], /Invalid --messages "ten"/],
    [['--failure-rate', 'NaN'], /Invalid --failure-rate "NaN": expected a number from 0 to 0.95/],
    [['--failure-rate', '1'], /Invalid --failure-rate "1"/],
    [['--seed', '1.5'], /Invalid --seed "1.5"/],
    [['--no-such-option'], /Unknown option '--no-such-option'/],
    [['--in-memory', '--crash-test'], /--in-memory cannot be combined/],
    [['--buffer', ''], /Invalid --buffer ""/],
    [['--crashes', '0'], /Invalid --crashes "0"/],
  ])('rejects %j with exit status 2', async (args, message) => {
    const result = await cli('demo', ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('rejects an unknown command', async () => {
    const result = await cli('deliver');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown command "deliver"/);
  });

  it('lists the commands with --help', async () => {
    const result = await cli('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}demo /m);
    expect(result.stdout).toMatch(/^ {2}run /m);
    expect(result.stdout).toMatch(/^ {2}buffer /m);
  });

  it('prints the demo options with demo --help', async () => {
    const result = await cli('demo', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--failure-rate R/);
    expect(result.stdout).toMatch(/--crash-test/);
  });
});
