export { SqliteOperationBuffer } from './SqliteOperationBuffer.js';
export type {
  SqliteDurability,
  SqliteOperationBufferOptions,
} from './SqliteOperationBufferOptions.js';
export type { PendingEntry } from './PendingEntry.js';
export { SCHEMA_VERSION } from './migrations.js';
