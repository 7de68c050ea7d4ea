import { Callback } from '../../operation/Callback.js';
import { HttpStatusError } from './HttpStatusError.js';

/** Creates the operation that posts message `sequence` to `url`. */
export function createDelivery(url: string, sequence: number): Callback<void> {
  const body = JSON.stringify({ sequence });
  const idempotencyKey = `message-${sequence}`;
  return new Callback(async ({ signal }) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body,
      signal,
    });
    await response.arrayBuffer();
    if (!response.ok) {
      throw new HttpStatusError(response.status, url);
    }
  });
}
