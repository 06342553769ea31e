/** What every route plugin is handed: configuration and the shared services. */
import type { ApiKeys } from './auth.js';
import type { Config } from './config.js';
import type { Metrics } from './metrics.js';
import type { SubscriberBudget } from './fanout.js';
import type { SandboxRegistry } from './registry.js';
import type { RouteTable } from './route.js';

export interface AppContext {
  config: Config;
  registry: SandboxRegistry;
  /** Prometheus metrics (GET /metrics). */
  metrics: Metrics;
  keys: ApiKeys;
  routes: RouteTable;
  /** Set when shutdown begins: /readyz turns 503. */
  state: { shuttingDown: boolean };
  /** WebSocket subscribers across every sandbox (capped by maxSubscribers). */
  subscribers: SubscriberBudget;
  version: string;
}
