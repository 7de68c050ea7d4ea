import { FaultToleranceError } from './FaultToleranceError.js';

/** Data carried by a {@link BufferLeaseError}. */
export interface BufferLeaseErrorDetails {
  /** The buffer's name. */
  readonly buffer: string;
  /** When the other holder's lease expires unless renewed, in milliseconds since the epoch. */
  readonly expiresAt: number;
}

/**
 * Rejection of a drain step on a shared buffer while another process holds its lease, so that
 * two processes never run the same buffer's operations at once. The operations stay in the
 * buffer; the holder drains them, or this process does once the lease is free or expired.
 */
export class BufferLeaseError extends FaultToleranceError {
  override readonly name = 'BufferLeaseError';
  readonly code = 'ERR_BUFFER_LEASED';
  readonly buffer: string;
  readonly expiresAt: number;

  constructor(details: BufferLeaseErrorDetails) {
    super(
      `Another process holds the lease of the buffer ${JSON.stringify(details.buffer)} ` +
        `until ${new Date(details.expiresAt).toISOString()}, so this process does not drain ` +
        'it now. Its operations stay in the buffer.',
    );
    this.buffer = details.buffer;
    this.expiresAt = details.expiresAt;
  }
}
