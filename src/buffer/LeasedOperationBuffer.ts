import type { MaybePromise } from './OperationBuffer.js';

/**
 * A buffer shared by several processes, which lets one of them drain it at a time. The
 * buffered runner takes the lease before a drain and gives it back after.
 */
export interface LeasedOperationBuffer {
  /**
   * Takes the lease, or renews it when this buffer object already holds it. Rejects with a
   * `BufferLeaseError` while another process holds a lease that has not expired.
   */
  acquireLease(): MaybePromise<void>;
  /** Gives the lease back, when this buffer object holds it. */
  releaseLease(): MaybePromise<void>;
}

/** Tells whether `buffer` is shared through a lease. */
export function isLeasedBuffer(buffer: object): buffer is LeasedOperationBuffer {
  const candidate = buffer as Partial<LeasedOperationBuffer>;
  return (
    typeof candidate.acquireLease === 'function' && typeof candidate.releaseLease === 'function'
  );
}
