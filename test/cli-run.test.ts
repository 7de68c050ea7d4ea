import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_MAIN, runCli, type CliResult } from './runCli.js';

const cli = runCli;
const main = CLI_MAIN;

/**
 * Counts its runs in the file named by its first argument. While the count is at most the
 * second argument, it exits with the code given third. After that it prints a line and exits
 * with 0.
 */
const FAIL_THEN_SUCCEED = `
const fs = require('node:fs');
const [counter, failures, code] = process.argv.slice(1);
const run = (fs.existsSync(counter) ? Number(fs.readFileSync(counter, 'utf8')) : 0) + 1;
fs.writeFileSync(counter, String(run));
if (run <= Number(failures)) process.exit(Number(code));
console.log('succeeded on run ' + run);
`;

/**
 * Counts its runs and appends its pid to the second file. While the count is at most the third
 * argument it sleeps for a minute, ignoring SIGTERM when the fourth argument is "ignore-term".
 * A later run records "overlap" if the previous run's process still exists, then exits with 0.
 */
const SLEEP_THEN_SUCCEED = `
const fs = require('node:fs');
const [counter, pids, sleeps, mode] = process.argv.slice(1);
if (mode === 'ignore-term') process.on('SIGTERM', () => {});
const run = (fs.existsSync(counter) ? Number(fs.readFileSync(counter, 'utf8')) : 0) + 1;
fs.writeFileSync(counter, String(run));
const previous = fs.existsSync(pids) ? fs.readFileSync(pids, 'utf8').trim().split('\\n') : [];
fs.appendFileSync(pids, process.pid + '\\n');
if (previous.length > 0) {
  try { process.kill(Number(previous.at(-1)), 0); fs.appendFileSync(counter + '.overlap', 'overlap'); } catch {}
}
console.log('ready ' + process.pid);
if (run <= Number(sleeps)) setTimeout(() => {}, 60000); else process.exit(0);
`;

/** The folder of this file's tests, deleted after the last one. */
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'fault-tolerance-cli-run-'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/**
 * The files through which one test's commands count their runs and report their pids, in a
 * folder of their own, so that tests can run concurrently.
 */
class Scratch {
  readonly folder = mkdtempSync(join(root, 'test-'));
  readonly counter = join(this.folder, 'runs');
  readonly pids = join(this.folder, 'pids');

  /** Returns how many times a test command ran. */
  runs(): number {
    return existsSync(this.counter) ? Number(readFileSync(this.counter, 'utf8')) : 0;
  }

  /**
   * Returns the pids of the runs of {@link SLEEP_THEN_SUCCEED} that started far enough to
   * write them, in order.
   */
  pidsStarted(): number[] {
    if (!existsSync(this.pids)) {
      return [];
    }
    return readFileSync(this.pids, 'utf8').trim().split('\n').map(Number);
  }

  /** Tells whether a run of {@link SLEEP_THEN_SUCCEED} found the previous run's process alive. */
  sawOverlap(): boolean {
    return existsSync(`${this.counter}.overlap`);
  }

  failThenSucceed(failures: number, code: number): string[] {
    const counts = [this.counter, String(failures), String(code)];
    return [process.execPath, '-e', FAIL_THEN_SUCCEED, ...counts];
  }

  sleepThenSucceed(sleeps: number, mode = 'default'): string[] {
    const counts = [this.counter, this.pids, String(sleeps), mode];
    return [process.execPath, '-e', SLEEP_THEN_SUCCEED, ...counts];
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const FAST = ['--initial-delay-ms', '1', '--max-delay-ms', '10'];

describe.concurrent('fault-tolerance run', () => {
  it('retries until the command succeeds', async () => {
    const scratch = new Scratch();
    const result = await cli('run', ...FAST, '--', ...scratch.failThenSucceed(2, 1));

    expect(result.code).toBe(0);
    expect(scratch.runs()).toBe(3);
    expect(result.stdout).toBe('succeeded on run 3\n');
    expect(result.stderr).toMatch(/attempt 1 of 3 failed \(exit code 1\); retrying in \d+ ms\./);
    expect(result.stderr).toMatch(/attempt 2 of 3 failed \(exit code 1\); retrying in \d+ ms\./);
    expect(result.stderr).toMatch(/attempt 3 of 3 succeeded\./);
  });

  it('exits with the last exit code', async () => {
    const scratch = new Scratch();
    const result = await cli(
      'run',
      ...FAST,
      '--attempts',
      '2',
      '--',
      ...scratch.failThenSucceed(9, 7),
    );

    expect(result.code).toBe(7);
    expect(scratch.runs()).toBe(2);
    expect(result.stderr).toMatch(/attempt 2 of 2 failed \(exit code 7\); no attempts left\.\n$/);
  });

  it('stops at once on a code of --no-retry-exit-codes', async () => {
    const scratch = new Scratch();
    const args = ['--no-retry-exit-codes', '2,7'];
    const result = await cli('run', ...FAST, ...args, '--', ...scratch.failThenSucceed(9, 7));

    expect(result.code).toBe(7);
    expect(scratch.runs()).toBe(1);
    expect(result.stderr).toMatch(/attempt 1 of 3 failed \(exit code 7\), which is not retried/);
  });

  it('retries only the codes of --retry-on-exit-codes', async () => {
    const scratch = new Scratch();
    const args = ['--retry-on-exit-codes', '1,75'];
    const other = await cli('run', ...FAST, ...args, '--', ...scratch.failThenSucceed(9, 3));

    expect(other.code).toBe(3);
    expect(scratch.runs()).toBe(1);

    rmSync(scratch.counter);
    const listed = await cli('run', ...FAST, ...args, '--', ...scratch.failThenSucceed(1, 75));

    expect(listed.code).toBe(0);
    expect(scratch.runs()).toBe(2);
  });

  it('prints no retry lines with --quiet', async () => {
    const scratch = new Scratch();
    const result = await cli('run', ...FAST, '--quiet', '--', ...scratch.failThenSucceed(9, 4));

    expect(result.code).toBe(4);
    expect(scratch.runs()).toBe(3);
    expect(result.stderr).toBe('');
  });

  it('waits the exponential delays without jitter', async () => {
    const scratch = new Scratch();
    const backoff = ['--initial-delay-ms', '5', '--factor', '3', '--max-delay-ms', '20'];
    const flags = ['--jitter', '--no-jitter', '--attempts', '4'];
    const result = await cli('run', ...backoff, ...flags, '--', ...scratch.failThenSucceed(9, 1));

    const delays = [...result.stderr.matchAll(/retrying in (\d+) ms/g)].map((match) => match[1]);
    expect(delays).toEqual(['5', '15', '20']);
  });

  it('draws jittered delays up to the exponential ones', async () => {
    const scratch = new Scratch();
    const backoff = ['--initial-delay-ms', '5', '--factor', '3', '--max-delay-ms', '20'];
    const result = await cli(
      'run',
      ...backoff,
      '--attempts',
      '4',
      '--',
      ...scratch.failThenSucceed(9, 1),
    );

    const delays = [...result.stderr.matchAll(/retrying in (\d+) ms/g)].map((match) => match[1]);
    expect(delays).toHaveLength(3);
    delays.forEach((delay, index) => {
      expect(Number(delay)).toBeLessThanOrEqual([5, 15, 20][index]!);
    });
  });

  it('passes arguments as given, without a shell', async () => {
    const script = 'console.log(JSON.stringify(process.argv.slice(1)))';
    const args = ['a b', '$HOME', '*', '; echo injected', ''];
    const result = await cli('run', '--', process.execPath, '-e', script, ...args);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(args);
  });

  it('exits with 127 for a command not found', async () => {
    const result = await cli('run', ...FAST, '--', 'fault-tolerance-no-such-command', 'x');

    expect(result.code).toBe(127);
    expect(result.stderr).toMatch(/command not found: "fault-tolerance-no-such-command"/);
    expect(result.stderr).not.toMatch(/retrying/);
  });

  it('reports a missing command even with --quiet', async () => {
    const scratch = new Scratch();
    const result = await cli('run', '--quiet', '--', join(scratch.folder, 'missing'));

    expect(result.code).toBe(127);
    expect(result.stderr).toMatch(/command not found: ".*missing"/);
  });

  it('exits with 1 for a command killed by a signal', async () => {
    const script = "process.kill(process.pid, 'SIGKILL')";
    const result = await cli(
      'run',
      ...FAST,
      '--attempts',
      '2',
      '--',
      process.execPath,
      '-e',
      script,
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/attempt 1 of 2 failed \(killed by SIGKILL\); retrying/);
    expect(result.stderr).toMatch(/attempt 2 of 2 failed \(killed by SIGKILL\); no attempts left/);
  });

  it('kills a timed-out attempt and retries', async () => {
    const scratch = new Scratch();
    const args = ['--timeout-ms', '1500', '--attempts', '3'];
    const result = await cli('run', ...FAST, ...args, '--', ...scratch.sleepThenSucceed(1));

    expect(result.code).toBe(0);
    expect(scratch.runs()).toBe(2);
    expect(result.stderr).toMatch(
      /attempt 1 of 3 failed \(timed out after 1500 ms and was stopped with SIGTERM\); retrying/,
    );
    const [timedOut] = scratch.pidsStarted();
    expect(isAlive(timedOut!)).toBe(false);
  });

  it('exits with 1 when every attempt times out', async () => {
    const scratch = new Scratch();
    const args = ['--timeout-ms', '200', '--attempts', '2', '--quiet'];
    const result = await cli('run', ...FAST, ...args, '--', ...scratch.sleepThenSucceed(99));

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /attempt 2 of 2 failed \(timed out after 200 ms and was stopped with SIGTERM\); no attempts left\. Exit status 1\./,
    );
    for (const pid of scratch.pidsStarted()) {
      expect(isAlive(pid)).toBe(false);
    }
  });

  it('kills with SIGKILL after the grace period', async () => {
    const scratch = new Scratch();
    const args = ['--timeout-ms', '1500', '--kill-grace-ms', '100', '--attempts', '2'];
    const result = await cli(
      'run',
      ...FAST,
      ...args,
      '--',
      ...scratch.sleepThenSucceed(1, 'ignore-term'),
    );

    expect(result.code).toBe(0);
    expect(scratch.runs()).toBe(2);
    expect(result.stderr).toMatch(/timed out after 1500 ms and was stopped with SIGKILL/);
    expect(scratch.sawOverlap()).toBe(false);
  });

  it('prints its usage with --help', async () => {
    const result = await cli('run', '--help');

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--retry-on-exit-codes L/);
  });
});

/** A command that prints a line, to show whether it ran. */
const MARKER = ['--', process.execPath, '-e', "console.log('ran')"];

describe.concurrent('fault-tolerance run arguments', () => {
  it.each([
    [['--attempts', '0', ...MARKER], /Invalid --attempts "0": expected an integer from 1 to/],
    [['--attempts', '2.5', ...MARKER], /Invalid --attempts "2.5"/],
    [['--initial-delay-ms', 'soon', ...MARKER], /Invalid --initial-delay-ms "soon"/],
    [['--max-delay-ms=-1', ...MARKER], /Invalid --max-delay-ms "-1": expected an integer from 0/],
    [['--factor', '0.5', ...MARKER], /Invalid --factor "0.5": expected a number from 1 to 1000/],
    [['--timeout-ms', '0', ...MARKER], /Invalid --timeout-ms "0": expected an integer from 1/],
    [['--kill-grace-ms', 'NaN', ...MARKER], /Invalid --kill-grace-ms "NaN"/],
    [['--retry-on-exit-codes', '0', ...MARKER], /Invalid --retry-on-exit-codes "0": .*1 to 255/],
    [['--no-retry-exit-codes', '1,,2', ...MARKER], /Invalid --no-retry-exit-codes "1,,2"/],
    [
      ['--retry-on-exit-codes', '1', '--no-retry-exit-codes', '1', ...MARKER],
      /Exit code 1 is in both --retry-on-exit-codes and --no-retry-exit-codes/,
    ],
    [
      ['--initial-delay-ms', '500', '--max-delay-ms', '100', ...MARKER],
      /Invalid --initial-delay-ms 500: expected at most --max-delay-ms \(100\)/,
    ],
    [['true'], /Unexpected argument "true": put the command after `--`/],
    [[], /Missing the command: put it after `--`/],
    [['--'], /Missing the command after `--`/],
    [['--retries', '3', ...MARKER], /Unknown option '--retries'/],
  ])('rejects %j with exit status 2', async (args, message) => {
    const result = await cli('run', ...args);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});

describe.concurrent('fault-tolerance run interrupted', () => {
  /** Starts the tool, sends `signals` once the command has started, and waits for the exit. */
  function interrupt(
    scratch: Scratch,
    signals: readonly NodeJS.Signals[],
    extra: readonly string[] = [],
    mode = 'default',
  ): Promise<CliResult> {
    const args = [main, 'run', ...FAST, ...extra, '--', ...scratch.sleepThenSucceed(99, mode)];
    const tool = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    tool.stdout.on('data', (chunk: Buffer) => {
      const started = stdout.includes('ready');
      stdout += String(chunk);
      if (!started && stdout.includes('ready')) {
        signals.forEach((signal) => tool.kill(signal));
      }
    });
    tool.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    return new Promise((resolve) => {
      tool.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('stops the command and exits with 130 on SIGINT', async () => {
    const scratch = new Scratch();
    const result = await interrupt(scratch, ['SIGINT']);

    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/interrupted by SIGINT/);
    expect(scratch.runs()).toBe(1);
    expect(isAlive(scratch.pidsStarted()[0]!)).toBe(false);
  });

  it('stops the command and exits with 143 on SIGTERM', async () => {
    const scratch = new Scratch();
    const result = await interrupt(scratch, ['SIGTERM']);

    expect(result.code).toBe(143);
    expect(result.stderr).toMatch(/interrupted by SIGTERM/);
    expect(scratch.runs()).toBe(1);
    expect(isAlive(scratch.pidsStarted()[0]!)).toBe(false);
  });

  it('kills the command at once on a second signal', async () => {
    const scratch = new Scratch();
    // Without the second signal, the command, which ignores SIGTERM, would get SIGKILL only
    // after two minutes, past the test's time limit.
    const grace = ['--kill-grace-ms', '120000'];
    const result = await interrupt(scratch, ['SIGINT', 'SIGTERM'], grace, 'ignore-term');

    expect([130, 143]).toContain(result.code);
    expect(scratch.runs()).toBe(1);
    expect(isAlive(scratch.pidsStarted()[0]!)).toBe(false);
  });
});
