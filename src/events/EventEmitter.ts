/** A listener of one event type. */
export type Listener<Payload> = (payload: Payload) => void;

/** Removes the listener it was returned for; calling it again does nothing. */
export type Unsubscribe = () => void;

/**
 * A small typed event emitter. `Events` maps each event name to its payload type. Emitting
 * with no listener costs one map lookup, so runners emit on every call. A listener that
 * throws does not disturb the runner or the other listeners: its error is rethrown on a later
 * tick, where it surfaces as an uncaught exception, as with Node.js `EventTarget`.
 *
 * @example
 * const unsubscribe = runner.events.on('retry', ({ attempt, delayMs }) => log(attempt, delayMs));
 */
export class EventEmitter<Events extends object> {
  readonly #listeners = new Map<keyof Events, Listener<never>[]>();

  /** Adds `listener` for `type` and returns the function that removes it. */
  on<Type extends keyof Events>(type: Type, listener: Listener<Events[Type]>): Unsubscribe {
    if (typeof listener !== 'function') {
      throw new TypeError(
        `EventEmitter.on: \`listener\` for "${String(type)}" must be a function, ` +
          `received ${typeof listener}.`,
      );
    }
    const current = this.#listeners.get(type) ?? [];
    this.#listeners.set(type, [...current, listener]);
    let subscribed = true;
    return () => {
      if (subscribed) {
        subscribed = false;
        this.#remove(type, listener);
      }
    };
  }

  /** Tells whether `type` has at least one listener, to skip building an unused payload. */
  has(type: keyof Events): boolean {
    return this.#listeners.has(type);
  }

  /** Calls each listener of `type` with `payload`, in the order they were added. */
  emit<Type extends keyof Events>(type: Type, payload: Events[Type]): void {
    const listeners = this.#listeners.get(type) as Listener<Events[Type]>[] | undefined;
    if (listeners === undefined) {
      return;
    }
    for (const listener of listeners) {
      try {
        listener(payload);
      } catch (error) {
        process.nextTick(() => {
          throw error;
        });
      }
    }
  }

  #remove(type: keyof Events, listener: Listener<never>): void {
    const remaining = (this.#listeners.get(type) ?? []).filter((entry) => entry !== listener);
    if (remaining.length === 0) {
      this.#listeners.delete(type);
    } else {
      this.#listeners.set(type, remaining);
    }
  }
}
