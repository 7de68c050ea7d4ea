import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { OperationRegistry } from '../../operation/OperationRegistry.js';
import { SqliteOperationBuffer } from './SqliteOperationBuffer.js';
import type { SqliteOperationBufferOptions } from './SqliteOperationBufferOptions.js';

/** Creates a folder that is deleted, with everything in it, when the current test ends. */
export function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'fault-tolerance-sqlite-'));
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** A registry whose `echo` handler returns its payload. */
export function echoRegistry(): OperationRegistry {
  return new OperationRegistry().register('echo', (payload) => payload);
}

/** Opens a buffer that is closed when the current test ends. */
export function openBuffer(
  options: Partial<SqliteOperationBufferOptions> & { readonly path: string },
): SqliteOperationBuffer {
  const buffer = new SqliteOperationBuffer({ registry: echoRegistry(), ...options });
  onTestFinished(() => buffer.close());
  return buffer;
}

/**
 * Runs `work` while the file at `path` cannot be written, and makes it writable again after,
 * even when `work` throws. Root ignores permission bits, so for root the file is made immutable
 * with `chattr +i`; for other users its mode is 0444. Returns `false`, without running `work`,
 * when `chattr` is missing or the file system does not support it.
 */
export async function withUnwritableFile(
  path: string,
  work: () => Promise<void>,
): Promise<boolean> {
  if (process.getuid?.() !== 0) {
    chmodSync(path, 0o444);
    try {
      await work();
    } finally {
      chmodSync(path, 0o600);
    }
    return true;
  }
  try {
    execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
  } catch {
    return false;
  }
  try {
    await work();
  } finally {
    execFileSync('chattr', ['-i', path]);
  }
  return true;
}
