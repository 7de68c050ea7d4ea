/** What a fallback function receives besides the error. */
export interface FallbackContext {
  /** The caller's signal, when the call had one. */
  readonly signal: AbortSignal | undefined;
  /** The attempt number the call was run with. */
  readonly attempt: number;
  /** The operation's id, for named operations. */
  readonly operationId: string | undefined;
}

/** A function that computes the fallback result from the error it replaces. */
export type FallbackFunction = (error: unknown, context: FallbackContext) => unknown;

/** Options of a `FallbackOperationRunner`. */
export interface FallbackOperationRunnerOptions {
  /**
   * The result to resolve with in place of a handled error: a value, or a function that
   * returns the value or a promise of it. A function is always called, never returned as the
   * value; to fall back to a function, return it from a fallback function.
   *
   * A function written in the options gets the parameter types of {@link FallbackFunction}.
   * Every other value is accepted too, a value of type `unknown` included.
   *
   * NOTE: the fallback result takes the place of the operation's, so it should have the
   * operation's result type; the runner cannot check that.
   */
  // `{}`, `null` and `undefined` together accept every value. `unknown` would accept every
  // value too, but a function written here would lose its parameter types.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  readonly fallback: FallbackFunction | {} | null | undefined;
  /**
   * Selects the errors that the fallback replaces. An error that arrives once the caller's
   * signal is aborted, such as the signal's reason, is never replaced, whatever this returns.
   * @default () => true
   */
  readonly shouldHandle?: ((error: unknown) => boolean) | undefined;
}
