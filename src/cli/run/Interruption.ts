import { InterruptedError } from './InterruptedError.js';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Turns SIGINT and SIGTERM sent to the tool into aborts. The first one aborts {@link signal}
 * with an {@link InterruptedError}, which stops the run and the running command gracefully; a
 * second one aborts {@link killSignal}, which kills the command at once. Call
 * {@link dispose} when the run is over, to restore the default handling of both signals.
 */
export class Interruption {
  readonly #stop = new AbortController();
  readonly #kill = new AbortController();
  readonly #onSignal = (signal: NodeJS.Signals): void => {
    if (this.#stop.signal.aborted) {
      this.#kill.abort(new InterruptedError(signal));
    } else {
      this.#stop.abort(new InterruptedError(signal));
    }
  };

  constructor() {
    for (const signal of SIGNALS) {
      process.on(signal, this.#onSignal);
    }
  }

  /** Aborted, with an {@link InterruptedError} as reason, when the first signal arrives. */
  get signal(): AbortSignal {
    return this.#stop.signal;
  }

  /** Aborted when a second signal arrives. */
  get killSignal(): AbortSignal {
    return this.#kill.signal;
  }

  dispose(): void {
    for (const signal of SIGNALS) {
      process.off(signal, this.#onSignal);
    }
  }
}
