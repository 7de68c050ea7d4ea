import type { Database, Statement } from 'better-sqlite3';

const OPERATIONS = 'fault_tolerance_operations';
const DEAD_LETTERS = 'fault_tolerance_dead_letters';
const LEASES = 'fault_tolerance_leases';

/** A row of the operations table. */
export interface OperationRow {
  readonly sequence: number;
  readonly lane: string;
  readonly id: string;
  readonly name: string;
  readonly payload: string;
  readonly idempotency_key: string;
  readonly attempts: number;
  readonly next_attempt_at: number;
  readonly added_at: number;
}

/** A row of the dead-letters table. */
export interface DeadLetterRow {
  readonly sequence: number;
  readonly lane: string;
  readonly id: string;
  readonly name: string;
  readonly payload: string;
  readonly idempotency_key: string;
  readonly attempts: number;
  readonly error_name: string;
  readonly error_message: string;
  readonly added_at: number;
  readonly dead_lettered_at: number;
}

/**
 * Parameters of a statement that changes what a drain reads: it does nothing while another
 * owner holds a lease that has not expired at `now`, so that the check and the change are one
 * atomic statement.
 */
export interface LeaseCheck {
  readonly buffer: string;
  readonly owner: string;
  readonly now: number;
}

const NO_OTHER_LEASE = `NOT EXISTS (SELECT 1 FROM ${LEASES}
  WHERE buffer = @buffer AND owner <> @owner AND expires_at > @now)`;

const OPERATION_COLUMNS =
  'sequence, lane, id, name, payload, idempotency_key, attempts, next_attempt_at, added_at';

/**
 * The prepared statements of one buffer connection. Every value is a bound parameter, so
 * buffer names, keys and payloads of any content are stored as given.
 */
export class SqliteStatements {
  readonly insert: Statement<[string, string, string, string, string, string, number]>;
  readonly insertAt: Statement<
    [number | null, string, string, string, string, string, string, number]
  >;
  readonly head: Statement<[string], OperationRow>;
  readonly popHead: Statement<[LeaseCheck], OperationRow>;
  readonly count: Statement<[string], { count: number }>;
  readonly heads: Statement<[{ buffer: string }], OperationRow>;
  readonly remove: Statement<[LeaseCheck & { sequence: number }]>;
  readonly recordFailure: Statement<
    [
      LeaseCheck & {
        sequence: number;
        attempts: number;
        nextAttemptAt: number;
        errorName: string;
        errorMessage: string;
      },
    ]
  >;
  readonly lowestSequence: Statement<[], { lowest: number | null }>;
  readonly removeAny: Statement<[string, number]>;
  readonly toDeadLetters: Statement<
    [
      {
        buffer: string;
        errorName: string;
        errorMessage: string;
        attempts: number;
        failedAt: number;
        sequence: number;
      },
    ]
  >;
  readonly deadLetters: Statement<[string], DeadLetterRow>;
  readonly oldestDeadLetter: Statement<[string, string], DeadLetterRow>;
  readonly dropDeadLetter: Statement<[number]>;
  readonly takeLease: Statement<
    [{ buffer: string; owner: string; expiresAt: number; now: number }]
  >;
  readonly renewLease: Statement<[number, string, string]>;
  readonly releaseLease: Statement<[string, string]>;
  readonly otherLease: Statement<[string, string, number], { expires_at: number }>;

  constructor(database: Database) {
    this.insert = database.prepare(
      `INSERT INTO ${OPERATIONS} (buffer, lane, id, name, payload, idempotency_key, added_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertAt = database.prepare(
      `INSERT INTO ${OPERATIONS}
         (sequence, buffer, lane, id, name, payload, idempotency_key, added_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.head = database.prepare(
      `SELECT ${OPERATION_COLUMNS} FROM ${OPERATIONS} WHERE buffer = ? ORDER BY sequence LIMIT 1`,
    );
    this.popHead = database.prepare(
      `DELETE FROM ${OPERATIONS} WHERE sequence =
         (SELECT sequence FROM ${OPERATIONS} WHERE buffer = @buffer ORDER BY sequence LIMIT 1)
         AND buffer = @buffer AND ${NO_OTHER_LEASE}
       RETURNING ${OPERATION_COLUMNS}`,
    );
    this.count = database.prepare(`SELECT COUNT(*) AS count FROM ${OPERATIONS} WHERE buffer = ?`);
    this.heads = database.prepare(headsQuery());
    this.remove = database.prepare(
      `DELETE FROM ${OPERATIONS}
       WHERE buffer = @buffer AND sequence = @sequence AND ${NO_OTHER_LEASE}`,
    );
    this.recordFailure = database.prepare(
      `UPDATE ${OPERATIONS}
       SET attempts = @attempts, next_attempt_at = @nextAttemptAt,
         last_error_name = @errorName, last_error_message = @errorMessage
       WHERE buffer = @buffer AND sequence = @sequence AND ${NO_OTHER_LEASE}`,
    );
    this.removeAny = database.prepare(
      `DELETE FROM ${OPERATIONS} WHERE buffer = ? AND sequence = ?`,
    );
    this.lowestSequence = database.prepare(`SELECT MIN(sequence) AS lowest FROM ${OPERATIONS}`);
    this.toDeadLetters = database.prepare(
      `INSERT INTO ${DEAD_LETTERS} (buffer, lane, id, name, payload, idempotency_key, attempts,
         error_name, error_message, added_at, dead_lettered_at)
       SELECT buffer, lane, id, name, payload, idempotency_key, @attempts, @errorName,
         @errorMessage, added_at, @failedAt
       FROM ${OPERATIONS} WHERE buffer = @buffer AND sequence = @sequence`,
    );
    this.deadLetters = database.prepare(
      `SELECT * FROM ${DEAD_LETTERS} WHERE buffer = ? ORDER BY sequence`,
    );
    this.oldestDeadLetter = database.prepare(
      `SELECT * FROM ${DEAD_LETTERS} WHERE buffer = ? AND id = ? ORDER BY sequence LIMIT 1`,
    );
    this.dropDeadLetter = database.prepare(`DELETE FROM ${DEAD_LETTERS} WHERE sequence = ?`);
    this.takeLease = database.prepare(
      `INSERT INTO ${LEASES} (buffer, owner, expires_at) VALUES (@buffer, @owner, @expiresAt)
       ON CONFLICT (buffer) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE ${LEASES}.owner = excluded.owner OR ${LEASES}.expires_at <= @now`,
    );
    this.renewLease = database.prepare(
      `UPDATE ${LEASES} SET expires_at = ? WHERE buffer = ? AND owner = ?`,
    );
    this.releaseLease = database.prepare(`DELETE FROM ${LEASES} WHERE buffer = ? AND owner = ?`);
    this.otherLease = database.prepare(
      `SELECT expires_at FROM ${LEASES} WHERE buffer = ? AND owner <> ? AND expires_at > ?`,
    );
  }
}

/**
 * Returns the query for the first row of every lane, oldest first. The recursive part steps from one lane to the
 * next through the (buffer, lane, sequence) index, so the cost grows with the number of lanes,
 * not with the number of rows.
 */
function headsQuery(): string {
  return `
    WITH RECURSIVE lanes (lane) AS (
      SELECT MIN(lane) FROM ${OPERATIONS} WHERE buffer = @buffer
      UNION ALL
      SELECT (SELECT MIN(lane) FROM ${OPERATIONS} WHERE buffer = @buffer AND lane > lanes.lane)
      FROM lanes WHERE lanes.lane IS NOT NULL
    )
    SELECT ${OPERATION_COLUMNS} FROM ${OPERATIONS}
    WHERE sequence IN (
      SELECT (SELECT MIN(sequence) FROM ${OPERATIONS} WHERE buffer = @buffer AND lane = lanes.lane)
      FROM lanes WHERE lanes.lane IS NOT NULL
    )
    ORDER BY sequence`;
}
