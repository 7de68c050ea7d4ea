/** A named operation as a buffer stores it: the fields a registry needs to rebuild it. */
export interface StoredOperation {
  /** The registered name. */
  readonly name: string;
  /** The payload as JSON text. */
  readonly payloadJson: string;
  readonly id: string;
  readonly idempotencyKey: string;
  /** The ordering key, or `undefined` when the operation has none. */
  readonly key: string | undefined;
}
