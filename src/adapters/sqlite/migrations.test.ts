import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../clock/VirtualClock.js';
import { migrate, SCHEMA_VERSION } from './migrations.js';
import { echoRegistry, openBuffer, temporaryFolder } from './sqliteBuffer.testkit.js';

function versions(path: string): unknown[] {
  const raw = new Database(path, { readonly: true });
  const rows = raw.prepare('SELECT version, applied_at FROM fault_tolerance_schema').all();
  raw.close();
  return rows;
}

describe('migrate', () => {
  it('records each applied version with its time', () => {
    const path = join(temporaryFolder(), 'b.db');

    openBuffer({ path, registry: echoRegistry(), clock: new VirtualClock({ startAt: 42 }) });

    expect(SCHEMA_VERSION).toBe(1);
    expect(versions(path)).toEqual([{ version: 1, applied_at: 42 }]);
  });

  it('leaves an up-to-date file alone', () => {
    const path = join(temporaryFolder(), 'b.db');
    const raw = new Database(path);
    migrate(raw, 1);

    migrate(raw, 2);
    raw.close();

    expect(versions(path)).toEqual([{ version: 1, applied_at: 1 }]);
  });

  it('shares a file with tables of its own', () => {
    const path = join(temporaryFolder(), 'b.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE orders (id INTEGER PRIMARY KEY)');
    raw.close();

    openBuffer({ path, registry: echoRegistry() });

    const check = new Database(path, { readonly: true });
    const tables = check
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    check.close();
    expect(tables).toContain('orders');
    expect(tables).toContain('fault_tolerance_operations');
  });
});
