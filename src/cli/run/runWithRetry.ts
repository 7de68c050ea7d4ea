import { Callback } from '../../operation/Callback.js';
import type { RetryOperationRunner } from '../../runner/RetryOperationRunner.js';
import type { GiveUpEvent } from '../../runner/RetryOperationRunnerEvents.js';
import { CommandStartError } from './CommandStartError.js';
import { createRetryRunner } from './createRetryRunner.js';
import { describeFailure } from './describeFailure.js';
import { exitStatusOf } from './exitStatusOf.js';
import { InterruptedError } from './InterruptedError.js';
import { Interruption } from './Interruption.js';
import { runChild } from './runChild.js';
import type { RunCommandOptions } from './RunCommandOptions.js';

/** Writes one of the tool's own lines, such as a retry notice. */
export type Report = (line: string) => void;

/**
 * Runs the command with retries and returns the tool's exit status: 0 on success, else the
 * status that {@link exitStatusOf} gives for the last failure. Writes a line before each
 * retry and one when it gives up, unless `quiet`. A line that explains a status the command
 * did not return itself (not found, timed out, killed, interrupted) is written even when
 * `quiet`. Returns only once the last process has exited.
 */
export async function runWithRetry(options: RunCommandOptions, report: Report): Promise<number> {
  const interruption = new Interruption();
  const runner = createRetryRunner(options);
  let lastAttempt: Promise<unknown> = Promise.resolve();
  const operation = new Callback(({ signal }) => {
    const attempt = runChild({ ...options, signal, killSignal: interruption.killSignal });
    lastAttempt = attempt.catch(() => undefined);
    return attempt;
  });
  const lastGiveUp = watchRetries(runner, options, report);
  try {
    await runner.run(operation, { signal: interruption.signal });
    return 0;
  } catch (error) {
    // An interruption rejects at once; the stopped process may still be exiting.
    await lastAttempt;
    return reportFailure(error, lastGiveUp(), options, report);
  } finally {
    interruption.dispose();
  }
}

/** Reports retries and a success after a retry; returns a getter of the `giveUp` event. */
function watchRetries(
  runner: RetryOperationRunner,
  options: RunCommandOptions,
  report: Report,
): () => GiveUpEvent | undefined {
  const of = `of ${options.attempts}`;
  let giveUp: GiveUpEvent | undefined;
  runner.events.on('retry', ({ attempt, delayMs, failure }) => {
    if (!options.quiet && failure.kind === 'error') {
      const failed = describeFailure(failure.error);
      report(`attempt ${attempt} ${of} failed (${failed}); retrying in ${Math.round(delayMs)} ms.`);
    }
  });
  runner.events.on('success', ({ attempt }) => {
    if (!options.quiet && attempt > 1) {
      report(`attempt ${attempt} ${of} succeeded.`);
    }
  });
  runner.events.on('giveUp', (event) => (giveUp = event));
  return () => giveUp;
}

function reportFailure(
  error: unknown,
  giveUp: GiveUpEvent | undefined,
  options: RunCommandOptions,
  report: Report,
): number {
  const status = exitStatusOf(error);
  if (status === undefined) {
    throw error;
  }
  if (options.quiet && status.fromCommand) {
    return status.exitStatus;
  }
  if (error instanceof CommandStartError) {
    report(error.message);
  } else if (error instanceof InterruptedError) {
    report(`${error.message}; stopped the command and the retries.`);
  } else {
    const attempt = `attempt ${giveUp?.attempt ?? '?'} of ${options.attempts}`;
    const end =
      giveUp?.reason === 'maxAttempts' ? '; no attempts left.' : ', which is not retried.';
    const exit = status.fromCommand ? '' : ` Exit status ${status.exitStatus}.`;
    report(`${attempt} failed (${describeFailure(error)})${end}${exit}`);
  }
  return status.exitStatus;
}
