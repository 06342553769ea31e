/** The store a configuration asks for (HEAPLAB_STORE, HEAPLAB_DATA_DIR). */
import type { StoreConfig } from '../config.js';
import { SqliteStore } from './sqlite.js';
import { MemoryStore, type Store } from './store.js';

export function openStore(config: StoreConfig): Store {
  return config.kind === 'memory' ? new MemoryStore() : new SqliteStore(config.dataDir);
}
