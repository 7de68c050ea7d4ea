import { spawn } from 'node:child_process';
import { ChildExitError } from './ChildExitError.js';
import { ChildStopper } from './ChildStopper.js';
import { CommandStartError } from './CommandStartError.js';

/** The command of one attempt, and the signals that stop it. */
export interface ChildSettings {
  readonly command: string;
  readonly args: readonly string[];
  /** Aborted to stop the process: SIGTERM, then SIGKILL after `killGraceMs`. */
  readonly signal: AbortSignal;
  /** Aborted to kill the process with SIGKILL at once, such as on a second Ctrl-C. */
  readonly killSignal: AbortSignal;
  readonly killGraceMs: number;
}

/**
 * Runs the command once, without a shell, with the tool's standard input, output and error.
 * Resolves when it exits with code 0 and was not stopped. Rejects with a
 * {@link CommandStartError} when it cannot start, and with a {@link ChildExitError} for any
 * other end, including a stop through `signal`. The promise settles only once the process has
 * exited, so no attempt overlaps the next one.
 */
export function runChild(settings: ChildSettings): Promise<void> {
  if (settings.signal.aborted) {
    return Promise.reject(settings.signal.reason);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(settings.command, [...settings.args], { stdio: 'inherit', shell: false });
    const stopper = new ChildStopper(child, settings.killGraceMs);
    const detach = attachSignals(settings, stopper);
    let settled = false;
    const settle = (error: Error | undefined): void => {
      if (settled) {
        return;
      }
      settled = true;
      stopper.exited();
      detach();
      if (error === undefined) {
        resolve();
      } else {
        reject(error);
      }
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      // Once the process has started, an error only reports a failed `kill`, and the exit
      // event still follows.
      if (child.pid === undefined) {
        settle(new CommandStartError(settings.command, error));
      }
    });
    child.once('exit', (exitCode, signal) => {
      const stoppedWith = stopper.sent;
      const failed = exitCode !== 0 || stoppedWith !== undefined;
      settle(failed ? new ChildExitError({ exitCode, signal, stoppedWith }) : undefined);
    });
  });
}

/** Lets the settings' signals stop or kill the child; returns the function that detaches them. */
function attachSignals(settings: ChildSettings, stopper: ChildStopper): () => void {
  const stop = (): void => stopper.stop();
  const kill = (): void => stopper.kill();
  settings.signal.addEventListener('abort', stop, { once: true });
  settings.killSignal.addEventListener('abort', kill, { once: true });
  if (settings.killSignal.aborted) {
    kill();
  }
  return () => {
    settings.signal.removeEventListener('abort', stop);
    settings.killSignal.removeEventListener('abort', kill);
  };
}
