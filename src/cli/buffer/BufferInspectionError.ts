/** A buffer command that cannot do what was asked, such as requeueing an unknown id; exit 1. */
export class BufferInspectionError extends Error {
  override readonly name = 'BufferInspectionError';
  readonly code = 'ERR_BUFFER_INSPECTION';
}
