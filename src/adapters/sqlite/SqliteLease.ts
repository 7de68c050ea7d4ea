import type { Clock, TimerHandle } from '../../clock/Clock.js';
import { BufferLeaseError } from '../../errors/BufferLeaseError.js';
import type { SqliteStatements } from './SqliteStatements.js';

/** Settings of a {@link SqliteLease}. */
export interface SqliteLeaseSettings {
  readonly statements: SqliteStatements;
  readonly buffer: string;
  readonly owner: string;
  readonly ttlMs: number;
  readonly clock: Clock;
}

/**
 * The lease row of one buffer: an owner and an expiry time, so that one process at a time
 * drains the buffer, and a process that crashed while holding it blocks the others for at
 * most `ttlMs`. While held, it is renewed every third of `ttlMs` on an unref'd timer.
 *
 * NOTE: expiry times come from each process's clock, so processes sharing a file need clocks
 * that agree to well within `ttlMs`.
 */
export class SqliteLease {
  readonly #settings: SqliteLeaseSettings;
  #renewTimer: TimerHandle | undefined;

  constructor(settings: SqliteLeaseSettings) {
    this.#settings = settings;
  }

  /** Whether this object took the lease and has not released or lost it since. */
  get held(): boolean {
    return this.#renewTimer !== undefined;
  }

  /** Takes or renews the lease; throws a {@link BufferLeaseError} while another owner holds it. */
  acquire(): void {
    const { statements, buffer, owner, ttlMs, clock } = this.#settings;
    // A second try covers another owner's lease expiring between the two statements.
    for (let tries = 0; tries < 2; tries++) {
      const now = clock.now();
      const expiresAt = now + ttlMs;
      if (statements.takeLease.run({ buffer, owner, expiresAt, now }).changes > 0) {
        this.#scheduleRenewal();
        return;
      }
      this.#stopRenewing();
      this.assertNotHeldElsewhere();
    }
    throw new BufferLeaseError({ buffer, expiresAt: clock.now() });
  }

  /** Gives the lease back, when held. */
  release(): void {
    this.#stopRenewing();
    this.#settings.statements.releaseLease.run(this.#settings.buffer, this.#settings.owner);
  }

  /** Throws a {@link BufferLeaseError} when another owner holds a lease that has not expired. */
  assertNotHeldElsewhere(): void {
    const { statements, buffer, owner, clock } = this.#settings;
    const other = statements.otherLease.get(buffer, owner, clock.now());
    if (other !== undefined) {
      throw new BufferLeaseError({ buffer, expiresAt: other.expires_at });
    }
  }

  /** Stops renewing without touching the row, as when the connection closes. */
  stop(): void {
    this.#stopRenewing();
  }

  #scheduleRenewal(): void {
    const { clock, ttlMs } = this.#settings;
    if (this.#renewTimer !== undefined) {
      clock.clearTimeout(this.#renewTimer);
    }
    this.#renewTimer = clock.setTimeout(() => this.#renew(), Math.max(1, Math.floor(ttlMs / 3)), {
      unref: true,
    });
  }

  #renew(): void {
    const { statements, buffer, owner, ttlMs, clock } = this.#settings;
    this.#renewTimer = undefined;
    let renewed = false;
    try {
      renewed = statements.renewLease.run(clock.now() + ttlMs, buffer, owner).changes > 0;
    } catch {
      // A busy or failing file: the next drain step checks the lease again and reports it.
    }
    if (renewed) {
      this.#scheduleRenewal();
    }
  }

  #stopRenewing(): void {
    if (this.#renewTimer !== undefined) {
      this.#settings.clock.clearTimeout(this.#renewTimer);
      this.#renewTimer = undefined;
    }
  }
}
