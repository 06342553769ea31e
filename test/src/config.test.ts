import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

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
      maxEventsPerOp: 1_000,
      eventsRetained: 1_000,
      idleTtlSeconds: 1_800,
      bodyLimitBytes: 1_048_576,
      wsMaxBufferedBytes: 1_048_576,
    });
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PORT: '9000', HOST: '127.0.0.1', NODE_ENV: 'development', LOG_LEVEL: 'debug',
      HEAPLAB_MAX_SANDBOXES: '5', HEAPLAB_MAX_HEAP_MB: '512', HEAPLAB_MAX_OBJECTS: '50', HEAPLAB_MAX_SANDBOX_BYTES: '65536', HEAPLAB_MAX_OPS_PER_REQUEST: '7', HEAPLAB_MAX_LOG_ENTRIES: '8', HEAPLAB_MAX_STEPS: '1000', HEAPLAB_MAX_REQUEST_MS: '250',
      HEAPLAB_MAX_EVENTS_PER_OP: '9', HEAPLAB_EVENTS_RETAINED: '0', HEAPLAB_IDLE_TTL_SECONDS: '60',
      HEAPLAB_BODY_LIMIT: '2048', HEAPLAB_WS_MAX_BUFFERED_BYTES: '4096',
      HEAPLAB_API_KEYS: ' k1, k2 ,,', HEAPLAB_CORS_ORIGINS: 'https://a.example,https://b.example', HEAPLAB_SHUTDOWN_GRACE_MS: '5',
    });
    expect(c).toMatchObject({
      port: 9000, host: '127.0.0.1', development: true, logLevel: 'debug',
      apiKeys: ['k1', 'k2'], corsOrigins: ['https://a.example', 'https://b.example'], shutdownGraceMs: 5,
      limits: {
        maxSandboxes: 5, maxHeapMiB: 512, maxObjectsPerSandbox: 50, maxBytesPerSandbox: 65_536, maxOpsPerRequest: 7, maxLogEntries: 8, maxStepsPerRequest: 1000, maxRequestMs: 250, maxEventsPerOp: 9,
        eventsRetained: 0, idleTtlSeconds: 60, bodyLimitBytes: 2048, wsMaxBufferedBytes: 4096,
      },
    });
  });

  it('rejects nonsense with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ HEAPLAB_MAX_SANDBOXES: '0' })).toThrow(/HEAPLAB_MAX_SANDBOXES/);
    expect(() => loadConfig({ HEAPLAB_BODY_LIMIT: '-5' })).toThrow(/HEAPLAB_BODY_LIMIT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
