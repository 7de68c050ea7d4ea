import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRandom } from './createRandom.js';

/** Fault settings of the flaky server. */
export interface FlakyServerOptions {
  /** Share of requests, from 0 to 1, that get an HTTP 503 response. */
  readonly failureRate: number;
  /** Share of requests, from 0 to 1, that get a response only after `slowMs`. */
  readonly slowRate: number;
  /** The delay of a slow response, in milliseconds. */
  readonly slowMs: number;
  /** Start of the full outage, in milliseconds after `listen()`. */
  readonly outageStartMs: number;
  /** Length of the outage, during which every request gets an HTTP 503 response, in ms. */
  readonly outageMs: number;
  /** Seed of the choices of which requests fail or are slow. */
  readonly seed: number;
}

/** One message the server accepted, in the order it accepted them. */
export interface AcceptedMessage {
  readonly sequence: number;
  readonly idempotencyKey: string | undefined;
}

/** When the outage starts and ends, in milliseconds since the Unix epoch. */
export interface OutageWindow {
  readonly from: number;
  readonly until: number;
}

/** The server's record of every request and of the messages it accepted. */
export interface FlakyServerRecord {
  readonly requests: number;
  readonly rejected: number;
  readonly rejectedDuringOutage: number;
  readonly slow: number;
  readonly accepted: readonly AcceptedMessage[];
}

/**
 * An HTTP server on 127.0.0.1 that accepts `POST /messages` with a JSON body
 * `{ "sequence": n }`, fails a share of requests, responds slowly to some, and has a full outage
 * window. It records what it accepted, so a report can be computed from what arrived rather
 * than from what the client believes.
 */
export class FlakyServer {
  readonly #options: FlakyServerOptions;
  readonly #random: () => number;
  readonly #server: Server;
  readonly #accepted: AcceptedMessage[] = [];
  #requests = 0;
  #rejected = 0;
  #rejectedDuringOutage = 0;
  #slow = 0;
  #startedAt = 0;

  constructor(options: FlakyServerOptions) {
    this.#options = options;
    this.#random = createRandom(options.seed);
    this.#server = createServer((request, response) => this.#handle(request, response));
  }

  /** Starts listening on 127.0.0.1 on an ephemeral port and returns the messages URL. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    this.#startedAt = Date.now();
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/messages`;
  }

  /** Stops the server and closes its connections. */
  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Returns a copy of the server's record so far. */
  record(): FlakyServerRecord {
    return {
      requests: this.#requests,
      rejected: this.#rejected,
      rejectedDuringOutage: this.#rejectedDuringOutage,
      slow: this.#slow,
      accepted: [...this.#accepted],
    };
  }

  /**
   * Starts the outage countdown again from now, so that the outage falls after a delivery
   * process has started rather than while it boots.
   */
  restartOutageClock(): void {
    this.#startedAt = Date.now();
  }

  /** Tells whether the full outage window is in progress. */
  inOutage(): boolean {
    const { from, until } = this.outageWindow();
    const now = Date.now();
    return now >= from && now < until;
  }

  /** Returns the full outage window, in milliseconds since the Unix epoch, once the server listens. */
  outageWindow(): OutageWindow {
    const from = this.#startedAt + this.#options.outageStartMs;
    return { from, until: from + this.#options.outageMs };
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'POST' || request.url !== '/messages') {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.#requests++;
      const failure = this.#random() < this.#options.failureRate;
      const slow = this.#random() < this.#options.slowRate;
      const answer = (): void => this.#answer(request, response, Buffer.concat(chunks), failure);
      if (slow) {
        this.#slow++;
        setTimeout(answer, this.#options.slowMs);
      } else {
        answer();
      }
    });
  }

  #answer(
    request: IncomingMessage,
    response: ServerResponse,
    body: Buffer,
    failure: boolean,
  ): void {
    const outage = this.inOutage();
    if (outage || failure) {
      this.#rejected++;
      this.#rejectedDuringOutage += outage ? 1 : 0;
      response.writeHead(503, { 'retry-after': '0' }).end();
      return;
    }
    const sequence = parseSequence(body);
    if (sequence === undefined) {
      response.writeHead(400).end();
      return;
    }
    const key = request.headers['idempotency-key'];
    this.#accepted.push({ sequence, idempotencyKey: typeof key === 'string' ? key : undefined });
    response.writeHead(204).end();
  }
}

function parseSequence(body: Buffer): number | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { sequence?: unknown };
    return Number.isInteger(parsed.sequence) ? (parsed.sequence as number) : undefined;
  } catch {
    return undefined;
  }
}
