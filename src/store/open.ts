/** The store a configuration asks for (HEAPLAB_STORE, HEAPLAB_DATA_DIR, HEAPLAB_REDIS_URL). */
import type { StoreConfig } from '../config.js';
import { RedisStore } from './redis.js';
import { SqliteStore } from './sqlite.js';
import { MemoryStore, type Store } from './store.js';

export function openStore(config: StoreConfig): Store {
  if (config.redis !== undefined) return new RedisStore(config.redis);
  return config.kind === 'memory' ? new MemoryStore() : new SqliteStore(config.dataDir);
}
