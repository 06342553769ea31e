/**
 * Prometheus metrics (`GET /metrics`, text exposition format), one registry per app so
 * several apps in one process (tests) never share counters.
 *
 * What is measured, and where: HTTP requests and their latency by route template (an
 * onResponse hook; the template, not the URL, so sandbox ids never become labels); engine
 * steps and run time of changing requests, journal write latency, heap snapshots taken
 * (written, refused, failed; their size and latency) and how sandboxes were rebuilt (from a
 * snapshot or by full replay) (the registry's hooks); sandboxes held and store health (read when scraped); and prom-client's default
 * process metrics (CPU, resident memory, heap, event-loop lag, GC).
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RegistryHooks, SandboxRegistry } from './registry.js';

/** Latency buckets (seconds) for requests and programs: 0.5 ms to the 1-s default budget and past it. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Journal writes: tens of microseconds each, milliseconds for big batches or a slow disk. */
const JOURNAL_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.5];
/** Snapshot sizes: an empty heap's few kilobytes to a full sandbox's hundreds of megabytes. */
const SNAPSHOT_BYTES_BUCKETS = [1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304, 16_777_216, 67_108_864, 268_435_456];

export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route'>;
  private readonly steps: Counter;
  private readonly programSeconds: Histogram;
  private readonly journalSeconds: Histogram;
  private readonly snapshots: Counter<'outcome'>;
  private readonly snapshotBytes: Histogram;
  private readonly snapshotSeconds: Histogram<'phase'>;
  private readonly restores: Counter<'from'>;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'heaplab_' });
    this.requests = new Counter({
      name: 'heaplab_http_requests_total', help: 'HTTP requests answered, by method, route template and status',
      labelNames: ['method', 'route', 'status'], registers,
    });
    this.latency = new Histogram({
      name: 'heaplab_http_request_duration_seconds', help: 'Time from request to reply, by method and route template',
      labelNames: ['method', 'route'], buckets: LATENCY_BUCKETS, registers,
    });
    this.steps = new Counter({
      name: 'heaplab_program_steps_total', help: 'Engine steps run by changing requests (ops and exec)', registers,
    });
    this.programSeconds = new Histogram({
      name: 'heaplab_program_duration_seconds', help: 'Time the engine spent on one changing request (ops or exec)',
      buckets: LATENCY_BUCKETS, registers,
    });
    this.journalSeconds = new Histogram({
      name: 'heaplab_journal_write_duration_seconds', help: "Time to commit one request's log entries to the store",
      buckets: JOURNAL_BUCKETS, registers,
    });
    this.snapshots = new Counter({
      name: 'heaplab_snapshots_total',
      help: 'Heap snapshots due, by outcome: written (kept by the store), refused (the engine cannot represent the state yet), ' +
        'failed, skipped (the heap too big to snapshot within one request\'s time)',
      labelNames: ['outcome'], registers,
    });
    for (const outcome of ['written', 'refused', 'failed', 'skipped']) this.snapshots.inc({ outcome }, 0);
    this.snapshotBytes = new Histogram({
      name: 'heaplab_snapshot_bytes', help: 'Size of each heap snapshot written', buckets: SNAPSHOT_BYTES_BUCKETS, registers,
    });
    this.snapshotSeconds = new Histogram({
      name: 'heaplab_snapshot_duration_seconds',
      help: 'Time to take a heap snapshot (phase="take", in the request) and to write it to the store (phase="write")',
      labelNames: ['phase'], buckets: LATENCY_BUCKETS, registers,
    });
    this.restores = new Counter({
      name: 'heaplab_restores_total',
      help: 'Sandboxes rebuilt from the store, by how: from="snapshot" (latest snapshot and the log after it) or from="replay" (the whole log)',
      labelNames: ['from'], registers,
    });
    for (const from of ['snapshot', 'replay']) this.restores.inc({ from }, 0);
  }

  /** The registry's hooks that feed these metrics. */
  hooks(): Pick<RegistryHooks, 'journalWrite' | 'ran' | 'snapshot' | 'restored'> {
    return {
      journalWrite: (s) => this.journalSeconds.observe(s),
      ran: (steps, s) => {
        this.steps.inc(steps);
        this.programSeconds.observe(s);
      },
      snapshot: (outcome, written) => {
        this.snapshots.inc({ outcome });
        if (written === undefined) return;
        this.snapshotBytes.observe(written.bytes);
        this.snapshotSeconds.observe({ phase: 'take' }, written.takeSeconds);
        this.snapshotSeconds.observe({ phase: 'write' }, written.writeSeconds);
      },
      restored: (from) => this.restores.inc({ from }),
    };
  }

  /** Gauges read from the sandbox registry when scraped. */
  watch(sandboxes: SandboxRegistry): void {
    const registers = [this.registry];
    new Gauge({
      name: 'heaplab_sandboxes', help: 'Sandboxes held by this node', registers,
      collect() {
        this.set(sandboxes.size);
      },
    });
    new Gauge({
      name: 'heaplab_store_up', help: 'Whether the store accepts writes (1) or not (0), by store kind',
      // Several engine threads: up only if every thread's connection is.
      labelNames: ['store'], registers, aggregator: 'min',
      collect() {
        this.set({ store: sandboxes.store.kind }, sandboxes.store.failure() === null ? 1 : 0);
      },
    });
  }

  /** Count and time every reply, by route template. */
  instrument(app: FastifyInstance): void {
    app.addHook('onResponse', async (req, reply) => {
      const route = req.routeOptions.url ?? 'unmatched';
      this.requests.inc({ method: req.method, route, status: String(reply.statusCode) });
      this.latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
    });
  }
}
