import { constants } from 'node:os';

/** The tool received SIGINT or SIGTERM: the run stops and the tool exits with 128 + signal. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  readonly code = 'ERR_INTERRUPTED';
  readonly signal: NodeJS.Signals;
  /** 130 for SIGINT, 143 for SIGTERM. */
  readonly exitStatus: number;

  constructor(signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.signal = signal;
    this.exitStatus = 128 + constants.signals[signal];
  }
}
