import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { autoThreads, ConfigError, DEFAULT_SNAPSHOT_EVERY, loadConfig, MAX_AUTO_THREADS } from '../../src/config.js';

describe('loadConfig', () => {
  it('has sensible defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.host).toBe('0.0.0.0');
    expect(c.apiKeys).toEqual([]);
    expect(c.corsOrigins).toEqual([]);
    expect(c.development).toBe(false);
    expect(c.limits.maxHeapMiB).toBeGreaterThan(100);
    expect(c.limits).toEqual({
      maxSandboxes: 10_000,
      maxHeapMiB: c.limits.maxHeapMiB,
      maxObjectsPerSandbox: 1_250_000,
      maxBytesPerSandbox: 50_331_648,
      maxOpsPerRequest: 1_000,
      maxLogEntries: 100_000,
      maxStepsPerRequest: 10_000_000,
      maxRequestMs: 1_000,
      sliceInstructions: 20_000,
      maxEventsPerOp: 1_000,
      eventsRetained: 1_000,
      idleTtlSeconds: 1_800,
      bodyLimitBytes: 1_048_576,
      wsMaxBufferedBytes: 1_048_576,
      maxSandboxesPerKey: 100,
      rateLimitPerSecond: 50,
      maxEventLoopDelayMs: 1_500,
      maxRssMiB: 0,
      maxGraphNodes: 5_000,
      maxReplyBytes: 16_777_216,
      maxSubscribersPerSandbox: 100,
      maxSubscribers: 10_000,
    });
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PORT: '9000', HOST: '127.0.0.1', NODE_ENV: 'development', LOG_LEVEL: 'debug',
      HEAPLAB_MAX_SANDBOXES: '5', HEAPLAB_MAX_HEAP_MB: '512', HEAPLAB_MAX_OBJECTS: '50', HEAPLAB_MAX_SANDBOX_BYTES: '65536', HEAPLAB_MAX_OPS_PER_REQUEST: '7', HEAPLAB_MAX_LOG_ENTRIES: '8', HEAPLAB_MAX_STEPS: '1000', HEAPLAB_MAX_REQUEST_MS: '250',
      HEAPLAB_MAX_EVENTS_PER_OP: '9', HEAPLAB_EVENTS_RETAINED: '0', HEAPLAB_IDLE_TTL_SECONDS: '60',
      HEAPLAB_BODY_LIMIT: '2048', HEAPLAB_WS_MAX_BUFFERED_BYTES: '4096',
      HEAPLAB_API_KEYS: ' k1-0123456789abcdef, k2-0123456789abcdef ',
      HEAPLAB_MAX_SANDBOXES_PER_KEY: '3', HEAPLAB_RATE_LIMIT_RPS: '0', HEAPLAB_MAX_EVENT_LOOP_DELAY_MS: '500', HEAPLAB_MAX_RSS_MB: '900',
      HEAPLAB_MAX_GRAPH_NODES: '10', HEAPLAB_MAX_REPLY_BYTES: '4096', HEAPLAB_MAX_SUBSCRIBERS_PER_SANDBOX: '2', HEAPLAB_MAX_SUBSCRIBERS: '4', HEAPLAB_CORS_ORIGINS: 'https://a.example,https://b.example', HEAPLAB_SHUTDOWN_GRACE_MS: '5',
    });
    expect(c).toMatchObject({
      port: 9000, host: '127.0.0.1', development: true, logLevel: 'debug',
      apiKeys: ['k1-0123456789abcdef', 'k2-0123456789abcdef'], corsOrigins: ['https://a.example', 'https://b.example'], shutdownGraceMs: 5,
      limits: {
        maxSandboxes: 5, maxHeapMiB: 512, maxObjectsPerSandbox: 50, maxBytesPerSandbox: 65_536, maxOpsPerRequest: 7, maxLogEntries: 8, maxStepsPerRequest: 1000, maxRequestMs: 250, maxEventsPerOp: 9,
        eventsRetained: 0, idleTtlSeconds: 60, bodyLimitBytes: 2048, wsMaxBufferedBytes: 4096,
        maxSandboxesPerKey: 3, rateLimitPerSecond: 0, maxEventLoopDelayMs: 500, maxRssMiB: 900,
        maxGraphNodes: 10, maxReplyBytes: 4096, maxSubscribersPerSandbox: 2, maxSubscribers: 4,
      },
    });
  });

  it('reads HEAPLAB_FRAME_ANCESTORS as bare origins (none by default) and refuses anything that could widen the CSP', () => {
    expect(loadConfig({}).frameAncestors).toEqual([]);
    expect(loadConfig({ HEAPLAB_FRAME_ANCESTORS: ' https://course.example, http://localhost:8080 ' }).frameAncestors)
      .toEqual(['https://course.example', 'http://localhost:8080']);
    for (const bad of ['*', 'https://a.example/path', "https://a.example; script-src 'unsafe-inline'", 'course.example', "'self'"]) {
      expect(() => loadConfig({ HEAPLAB_FRAME_ANCESTORS: bad }), bad).toThrow(/HEAPLAB_FRAME_ANCESTORS: origin 1 .* is not of the form https:\/\/host\[:port\]/);
    }
  });

  it('reads HEAPLAB_TRUST_PROXY as off, true, a hop count or a list, and refuses anything else at start-up', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ HEAPLAB_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ HEAPLAB_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ HEAPLAB_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ HEAPLAB_TRUST_PROXY: ' 10.0.0.0/8, 192.168.1.7 ,loopback, fd00::/8 ' }).trustProxy)
      .toEqual(['10.0.0.0/8', '192.168.1.7', 'loopback', 'fd00::/8']);
    for (const [value, why] of [
      ['yes', /entry 1 \("yes"\) is not true, false, a hop count/],
      ['0', /hop count must be 1-100/],
      ['10.0.0.0/33', /"10\.0\.0\.0\/33"/],
      ['10.0.0.0/8,', /entry 2 is empty/],
      ['300.1.1.1', /"300\.1\.1\.1"/],
      ['::1/129', /"::1\/129"/],
    ] as const) {
      expect(() => loadConfig({ HEAPLAB_TRUST_PROXY: value })).toThrow(ConfigError);
      expect(() => loadConfig({ HEAPLAB_TRUST_PROXY: value })).toThrow(/HEAPLAB_TRUST_PROXY/);
      expect(() => loadConfig({ HEAPLAB_TRUST_PROXY: value })).toThrow(why);
    }
  });

  it('derives the event-loop delay threshold from the request budget unless it is set (0 turns it off)', () => {
    expect(loadConfig({ HEAPLAB_MAX_REQUEST_MS: '4000' }).limits.maxEventLoopDelayMs).toBe(6000);
    expect(loadConfig({ HEAPLAB_MAX_REQUEST_MS: '4000', HEAPLAB_MAX_EVENT_LOOP_DELAY_MS: '0' }).limits.maxEventLoopDelayMs).toBe(0);
    expect(loadConfig({ HEAPLAB_MAX_EVENT_LOOP_DELAY_MS: '700' }).limits.maxEventLoopDelayMs).toBe(700);
  });

  it('rejects nonsense with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ HEAPLAB_MAX_SANDBOXES: '0' })).toThrow(/HEAPLAB_MAX_SANDBOXES/);
    expect(() => loadConfig({ HEAPLAB_BODY_LIMIT: '-5' })).toThrow(/HEAPLAB_BODY_LIMIT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('fails closed on API keys: set but empty or malformed refuses to start, never runs open', () => {
    const good = 'k1-0123456789abcdef';
    for (const [value, why] of [
      [',', /names no key/], ['', /names no key/], [' , ,', /names no key/],
      [`${good},`, /key 2 is empty/], [`${good},,k2-0123456789abcdef`, /key 2 is empty/],
      ['short', /shorter than 16/], ['has space inside-0123456789', /characters outside/], ['ключ-0123456789abcdef', /characters outside/],
      [`${good},${good}`, /twice/], ['x'.repeat(513), /longer than 512/],
    ] as const) {
      expect(() => loadConfig({ HEAPLAB_API_KEYS: value }), JSON.stringify(value)).toThrow(ConfigError);
      expect(() => loadConfig({ HEAPLAB_API_KEYS: value })).toThrow(/HEAPLAB_API_KEYS/);
      expect(() => loadConfig({ HEAPLAB_API_KEYS: value })).toThrow(why);
    }
    expect(loadConfig({}).apiKeys).toEqual([]);
    expect(loadConfig({ HEAPLAB_API_KEYS: good }).apiKeys).toEqual([good]);
  });

  it('runs one engine thread per core but one by default (at least 1, at most 8), one with Redis, and refuses several with Redis', () => {
    expect(loadConfig({}).threads).toBe(autoThreads(availableParallelism()));
    expect([1, 2, 3, 4, 16].map((cores) => autoThreads(cores))).toEqual([1, 1, 2, 3, MAX_AUTO_THREADS]);
    expect(loadConfig({ HEAPLAB_THREADS: '3' }).threads).toBe(3);
    expect(loadConfig({ HEAPLAB_THREADS: '1' }).threads).toBe(1);
    expect(loadConfig({ HEAPLAB_REDIS_URL: 'redis://127.0.0.1:6379' }).threads).toBe(1);
    expect(() => loadConfig({ HEAPLAB_REDIS_URL: 'redis://127.0.0.1:6379', HEAPLAB_THREADS: '2' })).toThrow(/HEAPLAB_THREADS: with HEAPLAB_REDIS_URL/);
    expect(() => loadConfig({ HEAPLAB_THREADS: '65' })).toThrow(/HEAPLAB_THREADS/);
    expect(() => loadConfig({ HEAPLAB_THREADS: 'two' })).toThrow(/HEAPLAB_THREADS/);
  });

  it('HEAPLAB_REDIS_URL turns the shared store on; its URL, the node URL and the lease are checked', () => {
    expect(loadConfig({}).store.redis).toBeUndefined();
    const c = loadConfig({ HEAPLAB_REDIS_URL: 'redis://redis:6379', HEAPLAB_STORE: 'memory', HEAPLAB_NODE_URL: 'http://node-1:8080/' });
    expect(c.store.kind).toBe('redis');
    expect(c.store.redis).toMatchObject({ url: 'redis://redis:6379', nodeUrl: 'http://node-1:8080', leaseMs: 10_000 });
    expect(loadConfig({ HEAPLAB_REDIS_URL: 'redis://r' }).store.redis!.nodeUrl).toBeNull();
    expect(() => loadConfig({ HEAPLAB_REDIS_URL: 'localhost:6379' })).toThrow(/HEAPLAB_REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => loadConfig({ HEAPLAB_REDIS_URL: 'redis://r', HEAPLAB_NODE_URL: 'node-1:8080' })).toThrow(/HEAPLAB_NODE_URL/);
    expect(() => loadConfig({ HEAPLAB_REDIS_URL: 'redis://r', HEAPLAB_LEASE_MS: '100' })).toThrow(/HEAPLAB_LEASE_MS/);
  });

  it('HEAPLAB_SNAPSHOT_EVERY sets the steps between heap snapshots (0: none), for SQLite and Redis alike', () => {
    expect(loadConfig({}).store.snapshotEvery).toBe(DEFAULT_SNAPSHOT_EVERY);
    expect(loadConfig({ HEAPLAB_SNAPSHOT_EVERY: '0' }).store.snapshotEvery).toBe(0);
    expect(loadConfig({ HEAPLAB_SNAPSHOT_EVERY: '5000', HEAPLAB_REDIS_URL: 'redis://r' }).store.snapshotEvery).toBe(5_000);
    expect(() => loadConfig({ HEAPLAB_SNAPSHOT_EVERY: '-1' })).toThrow(/HEAPLAB_SNAPSHOT_EVERY: must be a non-negative integer/);
  });
});
