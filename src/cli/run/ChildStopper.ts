import type { ChildProcess } from 'node:child_process';

/**
 * Stops a child process: SIGTERM first, then SIGKILL if it is still running after the grace
 * period. It records the last signal sent, so that the exit can be reported as a stop.
 */
export class ChildStopper {
  readonly #child: ChildProcess;
  readonly #graceMs: number;
  #timer: NodeJS.Timeout | undefined;
  #sent: NodeJS.Signals | undefined;
  #exited = false;

  constructor(child: ChildProcess, graceMs: number) {
    this.#child = child;
    this.#graceMs = graceMs;
  }

  /** The last signal sent, or `undefined` when the child was never stopped. */
  get sent(): NodeJS.Signals | undefined {
    return this.#sent;
  }

  /** Sends SIGTERM and schedules SIGKILL after the grace period. Later calls do nothing. */
  stop(): void {
    if (this.#exited || this.#sent !== undefined) {
      return;
    }
    this.#send('SIGTERM');
    this.#timer = setTimeout(() => this.kill(), this.#graceMs);
  }

  /** Sends SIGKILL at once. */
  kill(): void {
    if (this.#exited || this.#sent === 'SIGKILL') {
      return;
    }
    clearTimeout(this.#timer);
    this.#send('SIGKILL');
  }

  /** Records that the child exited, and clears the SIGKILL timer. */
  exited(): void {
    this.#exited = true;
    clearTimeout(this.#timer);
  }

  #send(signal: NodeJS.Signals): void {
    this.#sent = signal;
    // `kill` returns false when the process is already gone, which needs no handling here.
    this.#child.kill(signal);
  }
}
