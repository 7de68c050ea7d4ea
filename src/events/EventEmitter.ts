import { describeValue } from '../validation/describeValue.js';

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
  /** Each `on` call gets its own entry, so that unsubscribing removes that call's entry only. */
  readonly #listeners = new Map<keyof Events, { readonly listener: Listener<never> }[]>();

  /** Adds `listener` for `type` and returns the function that removes it. */
  on<Type extends keyof Events>(type: Type, listener: Listener<Events[Type]>): Unsubscribe {
    if (typeof listener !== 'function') {
      throw new TypeError(
        `EventEmitter.on: \`listener\` for "${String(type)}" must be a function, ` +
          `received ${describeValue(listener)}.`,
      );
    }
    const entry = { listener };
    const current = this.#listeners.get(type) ?? [];
    this.#listeners.set(type, [...current, entry]);
    return () => this.#remove(type, entry);
  }

  /** Tells whether `type` has at least one listener, to skip building an unused payload. */
  has(type: keyof Events): boolean {
    return this.#listeners.has(type);
  }

  /** Calls each listener of `type` with `payload`, in the order they were added. */
  emit<Type extends keyof Events>(type: Type, payload: Events[Type]): void {
    const entries = this.#listeners.get(type);
    if (entries === undefined) {
      return;
    }
    for (const { listener } of entries) {
      try {
        (listener as Listener<Events[Type]>)(payload);
      } catch (error) {
        process.nextTick(() => {
          throw error;
        });
      }
    }
  }

  #remove(type: keyof Events, entry: { readonly listener: Listener<never> }): void {
    const current = this.#listeners.get(type) ?? [];
    if (!current.includes(entry)) {
      return;
    }
    const remaining = current.filter((other) => other !== entry);
    if (remaining.length === 0) {
      this.#listeners.delete(type);
    } else {
      this.#listeners.set(type, remaining);
    }
  }
}
