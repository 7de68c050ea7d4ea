import { mkdtempSync, rmSync } from 'node:fs';
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
