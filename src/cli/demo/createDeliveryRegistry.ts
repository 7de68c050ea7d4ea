import { NonRetryableError } from '../../errors/NonRetryableError.js';
import { OperationRegistry } from '../../operation/OperationRegistry.js';
import { HttpStatusError } from './HttpStatusError.js';

/** The name under which the demo registers its delivery handler. */
export const DELIVER = 'deliver';

/** The payload of one delivery. */
export interface DeliveryPayload {
  readonly sequence: number;
}

/**
 * Creates the registry with the `deliver` handler, which posts one message to `url` with its
 * idempotency key. A 4xx response other than 408 and 429 is final and is not retried.
 */
export function createDeliveryRegistry(url: string): OperationRegistry {
  return new OperationRegistry().register<DeliveryPayload>(
    DELIVER,
    async (payload, { signal, idempotencyKey }) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: JSON.stringify({ sequence: payload.sequence }),
        signal,
      });
      await response.arrayBuffer();
      if (response.ok) {
        return;
      }
      const error = new HttpStatusError(response.status, url);
      const final = response.status < 500 && response.status !== 408 && response.status !== 429;
      throw final ? new NonRetryableError(error) : error;
    },
  );
}

/** Returns the id of message `sequence`, which is also its idempotency key. */
export function deliveryId(sequence: number): string {
  return `message-${sequence}`;
}
