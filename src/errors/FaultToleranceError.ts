/**
 * The base class of every rejection that a runner of this library creates. Each subclass has a
 * stable `name` and `code`, carries its data as properties and keeps the original error as
 * `cause`.
 */
export abstract class FaultToleranceError extends Error {
  /** A stable identifier, such as `ERR_OPERATION_KEPT`, for code that branches on the error. */
  abstract readonly code: string;
}
