/** Events of a `FallbackOperationRunner`, by name. */
export interface FallbackOperationRunnerEvents {
  /** The inner runner rejected with a handled error, and the fallback is used in its place. */
  readonly fallback: { readonly error: unknown; readonly operationId: string | undefined };
}
