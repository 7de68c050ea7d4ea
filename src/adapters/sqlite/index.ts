export { SqliteOperationBuffer } from './SqliteOperationBuffer.js';
export type {
  SqliteDurability,
  SqliteOperationBufferOptions,
} from './SqliteOperationBufferOptions.js';
export { SCHEMA_VERSION } from './migrations.js';
