/** An HTTP response whose status is not a success. */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  readonly status: number;

  constructor(status: number, url: string) {
    super(`POST ${url} failed with HTTP status ${status}.`);
    this.status = status;
  }
}
