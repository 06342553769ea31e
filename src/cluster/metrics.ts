/**
 * What the cluster adds to /metrics (in the app's own registry): Redis write latency (what a
 * changing reply waits for; heaplab_journal_write_duration_seconds then only times staging),
 * leases held, forwarded requests, takeovers and relayed subscribers.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Redis round trips: a fraction of a millisecond on a LAN, milliseconds with fsync always. */
const WRITE_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.5, 2];

export interface ClusterMetrics {
  redisWrite(seconds: number): void;
  forwarded(): void;
  takenOver(): void;
}

export function clusterMetrics(registry: Registry, leases: () => number, relayed: () => number): ClusterMetrics {
  const registers = [registry];
  const writes = new Histogram({
    name: 'heaplab_redis_write_duration_seconds', help: "Time for Redis to confirm one sandbox's writes of a request (a changing reply waits for it)",
    buckets: WRITE_BUCKETS, registers,
  });
  const forwards = new Counter({ name: 'heaplab_forwarded_requests_total', help: 'Requests forwarded to the node holding their sandbox', registers });
  const takeovers = new Counter({ name: 'heaplab_takeovers_total', help: 'Sandboxes this node took over (read back from Redis to be replayed)', registers });
  new Gauge({ name: 'heaplab_leases_held', help: 'Sandbox leases this node holds', registers, collect() {
    this.set(leases());
  } });
  new Gauge({ name: 'heaplab_relayed_subscribers', help: 'WebSocket subscribers relayed from Redis streams on this node', registers, collect() {
    this.set(relayed());
  } });
  return {
    redisWrite: (s) => writes.observe(s),
    forwarded: () => forwards.inc(),
    takenOver: () => takeovers.inc(),
  };
}
