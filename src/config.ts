/**
 * Configuration: everything an operator can set, read once from the environment.
 *
 * Every knob has a default that is safe for a small public deployment; `/v1/limits`
 * reports the effective values so clients never have to guess them.
 */
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { z } from 'zod';

const int = (min: number, max: number, dflt: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a non-negative integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((v) => v ?? dflt);

const list = z
  .string()
  .optional()
  .transform((s) => (s ?? '').split(',').map((x) => x.trim()).filter((x) => x.length > 0));

/** RFC 6750's b64token alphabet: what fits after "Bearer " without quoting. */
const KEY_CHARS = /^[A-Za-z0-9._~+/=-]+$/;
const MIN_KEY_LENGTH = 16;

/**
 * API keys fail closed: once HEAPLAB_API_KEYS is set at all (even to "" or ","), it must name
 * at least one well-formed key and nothing else, or the server refuses to start. Unset, the
 * server runs without keys. A typo must never turn authentication off.
 */
const apiKeys = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined) return [];
    const keys = s.split(',').map((x) => x.trim());
    const bad = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (keys.every((k) => k.length === 0)) {
      return bad('set but names no key; unset it to run without keys, or give comma-separated keys');
    }
    for (const [i, k] of keys.entries()) {
      if (k.length === 0) return bad(`key ${i + 1} is empty (a stray comma?)`);
      if (!KEY_CHARS.test(k)) return bad(`key ${i + 1} has characters outside A-Z a-z 0-9 . _ ~ + / = -`);
      if (k.length < MIN_KEY_LENGTH) return bad(`key ${i + 1} is shorter than ${MIN_KEY_LENGTH} characters`);
      if (k.length > 512) return bad(`key ${i + 1} is longer than 512 characters`);
    }
    if (new Set(keys).size !== keys.length) return bad('a key is listed twice');
    return keys;
  });

/**
 * HEAPLAB_FRAME_ANCESTORS: comma-separated origins (`https://course.example`, with a port if
 * not the scheme's default) allowed to frame the playground. Each must be a bare origin —
 * scheme, host, optional port, nothing else — so the list goes into the CSP header as it is
 * and nothing in it can widen the policy (no `*`, no `;`, no path).
 */
const ORIGIN = /^https?:\/\/(?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+(?::\d{1,5})?$/;
const frameAncestors = list.transform((origins, ctx) => {
  for (const [i, o] of origins.entries()) {
    if (!ORIGIN.test(o)) {
      ctx.addIssue({ code: 'custom', message: `origin ${i + 1} (${JSON.stringify(o)}) is not of the form https://host[:port]` });
      return z.NEVER;
    }
  }
  return origins;
});

/** proxy-addr's names for address ranges, accepted in HEAPLAB_TRUST_PROXY's list. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An IP address, or an address/prefix-length CIDR whose prefix fits the address family. */
function isAddressOrCidr(s: string): boolean {
  const [addr, prefix, ...rest] = s.split('/');
  const family = isIP(addr ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which peers may set X-Forwarded-For (Fastify's trustProxy): off by default, so a client
 * cannot choose the address its rate limit and logs are keyed on. `true` trusts every hop
 * (only behind a proxy that overwrites the header); a number trusts that many hops from the
 * server (the operator asserts exactly that many proxies stand in front); a comma list trusts
 * those addresses, CIDRs, or proxy-addr's range names. Anything else refuses to start.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((raw, ctx): boolean | number | string[] => {
    const s = (raw ?? '').trim();
    if (s === '' || s === 'false') return false;
    if (s === 'true') return true;
    if (/^\d+$/.test(s)) {
      const n = Number(s);
      if (n >= 1 && n <= 100) return n;
      ctx.addIssue({ code: 'custom', message: `a hop count must be 1-100 (got ${s}; "false" turns trust off)` });
      return z.NEVER;
    }
    const items = s.split(',').map((x) => x.trim());
    for (const [i, item] of items.entries()) {
      if (item === '') {
        ctx.addIssue({ code: 'custom', message: `entry ${i + 1} is empty (a stray comma?)` });
        return z.NEVER;
      }
      if (!RANGE_NAMES.has(item) && !isAddressOrCidr(item)) {
        ctx.addIssue({ code: 'custom', message: `entry ${i + 1} ("${item}") is not true, false, a hop count, an IP address, ` +
          'an address/prefix CIDR, or loopback/linklocal/uniquelocal' });
        return z.NEVER;
      }
    }
    return items;
  });

/**
 * HEAPLAB_SNAPSHOT_EVERY's default: engine steps of replay cost between two heap snapshots
 * of a sandbox (see SandboxRegistry.snapshotThreshold), so a rebuild replays at most about
 * this much after its snapshot. Measured (this 2-core machine, `npm run bench -- durable`
 * and the README's durability figures): replay runs 0.13-0.16 µs per step of a program
 * and 1.3 µs per cheap logged op (each counts one step), so 100,000 steps is at most
 * ~0.13 s of replay whatever the log holds.
 */
export const DEFAULT_SNAPSHOT_EVERY = 100_000;

/** The environment variables heaplab reads, with their defaults. */
export const EnvSchema = z.object({
  PORT: int(0, 65_535, 8080),
  HOST: z.string().min(1).optional().default('0.0.0.0'),
  NODE_ENV: z.string().optional().default('production'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().default('info'),
  HEAPLAB_MAX_SANDBOXES: int(1, 10_000_000, 10_000),
  HEAPLAB_MAX_HEAP_MB: int(0, 1_048_576, 0),
  HEAPLAB_MAX_OBJECTS: int(1, 100_000_000, 1_250_000),
  HEAPLAB_MAX_SANDBOX_BYTES: int(1_024, 1_099_511_627_776, 48 * 2 ** 20),
  HEAPLAB_MAX_OPS_PER_REQUEST: int(1, 1_000_000, 1_000),
  HEAPLAB_MAX_LOG_ENTRIES: int(1, 100_000_000, 100_000),
  HEAPLAB_MAX_STEPS: int(1, 1_000_000_000, 10_000_000),
  HEAPLAB_MAX_REQUEST_MS: int(1, 3_600_000, 1_000),
  HEAPLAB_SLICE_INSTRUCTIONS: int(100, 100_000_000, 20_000),
  HEAPLAB_MAX_EVENTS_PER_OP: int(1, 10_000_000, 1_000),
  HEAPLAB_EVENTS_RETAINED: int(0, 1_000_000, 1_000),
  HEAPLAB_IDLE_TTL_SECONDS: int(1, 31_536_000, 1_800),
  HEAPLAB_BODY_LIMIT: int(1_024, 1_073_741_824, 1_048_576),
  HEAPLAB_WS_MAX_BUFFERED_BYTES: int(1_024, 1_073_741_824, 1_048_576),
  HEAPLAB_MAX_SANDBOXES_PER_KEY: int(1, 10_000_000, 100),
  HEAPLAB_RATE_LIMIT_RPS: int(0, 1_000_000, 50),
  // Unset (-1): derived from HEAPLAB_MAX_REQUEST_MS, see Limits.maxEventLoopDelayMs.
  HEAPLAB_MAX_EVENT_LOOP_DELAY_MS: int(0, 600_000, -1),
  HEAPLAB_MAX_RSS_MB: int(0, 1_048_576, 0),
  HEAPLAB_MAX_GRAPH_NODES: int(1, 10_000_000, 5_000),
  HEAPLAB_MAX_REPLY_BYTES: int(1_024, 1_073_741_824, 16_777_216),
  HEAPLAB_MAX_SUBSCRIBERS_PER_SANDBOX: int(1, 1_000_000, 100),
  HEAPLAB_MAX_SUBSCRIBERS: int(1, 10_000_000, 10_000),
  HEAPLAB_API_KEYS: apiKeys,
  HEAPLAB_CORS_ORIGINS: list,
  HEAPLAB_FRAME_ANCESTORS: frameAncestors,
  HEAPLAB_TRUST_PROXY: trustProxy,
  HEAPLAB_EXERCISES_DIR: z.string().min(1).optional(),
  HEAPLAB_GRADE_MAX_BATCH: int(1, 10_000, 100),
  HEAPLAB_MAX_SUBMISSION_CHARS: int(1, 1_000_000, 65_536),
  // Below Docker's default 10 s stop timeout, so a graceful stop finishes before SIGKILL.
  HEAPLAB_SHUTDOWN_GRACE_MS: int(0, 600_000, 8_000),
  HEAPLAB_STORE: z.enum(['sqlite', 'memory']).optional().default('sqlite'),
  HEAPLAB_DATA_DIR: z.string().trim().min(1).optional().default('./data'),
  HEAPLAB_REDIS_URL: z.string().trim().regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL').optional(),
  HEAPLAB_NODE_URL: z.string().trim().regex(/^https?:\/\/[^\s/]+\/?$/, 'must be an http(s)://host:port URL other nodes reach this one at').optional(),
  HEAPLAB_LEASE_MS: int(500, 600_000, 10_000),
  HEAPLAB_SNAPSHOT_EVERY: int(0, 1_000_000_000_000, DEFAULT_SNAPSHOT_EVERY),
  // Unset (0): one per core but one (autoThreads); 1 with Redis.
  HEAPLAB_THREADS: int(0, 64, 0),
});

/** HEAPLAB_THREADS unset uses at most this many engine threads. */
export const MAX_AUTO_THREADS = 8;

/**
 * HEAPLAB_THREADS unset: one engine thread per core but one, which the front, V8's helper
 * threads (GC, compilers) and the kernel's network work need. Measured on 2 cores (README,
 * Benchmarks): two engine threads served short programs 5-11% faster than one but single
 * ops at half the rate, with neighbours waiting longer, so a 2-core machine runs one.
 */
export function autoThreads(cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores - 1, MAX_AUTO_THREADS));
}

export interface Limits {
  /** Sandboxes alive at once in this process. */
  maxSandboxes: number;
  /** New sandboxes are refused while the JS heap holds more than this many MiB. */
  maxHeapMiB: number;
  /**
   * Live objects per sandbox (the engine raises MemoryError past it). The byte budget
   * alone would let a sandbox hold 3 million 16-byte `object()`s at ~218 real bytes each;
   * this cap bounds the kinds whose real cost is far above their simulated size.
   */
  maxObjectsPerSandbox: number;
  /**
   * Simulated bytes per sandbox: the sum of `sys.getsizeof` over its live objects, the
   * unit lessons talk about. An allocation that would pass it raises MemoryError first.
   *
   * Measured (Node 20, heapUsed after full GCs, 1M objects of a kind in one list): real
   * bytes per simulated byte are 2.4-2.8 for strs, lists, sets and int-keyed dicts, 3.2
   * for small ints (115 real vs 36 simulated with their list slot), 4.5 for floats, 6.3
   * for instances and empty dicts (361 / 457 real bytes each) and 8.9 for bare object()s
   * (ints re-measured since addresses stopped costing a number box; the other kinds shrank
   * by the same 16 bytes and were not re-measured).
   * 48 MiB holds the seed lesson's `[i for i in range(1_000_000)]` (34.8 MiB simulated)
   * with room to spare, and, together with the object cap, keeps a full sandbox under
   * ~330 MiB of real memory whatever it holds — an eighth of V8's default 4 GiB heap.
   */
  maxBytesPerSandbox: number;
  /** Operations in one POST .../ops request. */
  maxOpsPerRequest: number;
  /** Ops a sandbox's replayable log may hold (every applied op and exec but the reads). */
  maxLogEntries: number;
  /** Engine steps per request (stops `while True:`). */
  maxStepsPerRequest: number;
  /**
   * Milliseconds of its own running time a request's programs may spend before they are
   * stopped. A program run by /exec is time-sliced (see sliceInstructions): the time other
   * requests run between its slices does not count.
   */
  maxRequestMs: number;
  /**
   * Bytecode instructions a program run by /exec executes before it yields the thread to
   * other requests (a few milliseconds' worth). Slices are counted in instructions, not
   * clock time, and slicing never changes what a program does.
   */
  sliceInstructions: number;
  /** Events one operation records before the rest are summarised in a `truncated` event. */
  maxEventsPerOp: number;
  /** Events kept per sandbox for WebSocket `?since=` replay. */
  eventsRetained: number;
  /** Seconds without a request after which a sandbox is reclaimed. */
  idleTtlSeconds: number;
  /** Largest request body, in bytes. */
  bodyLimitBytes: number;
  /** Bytes a WebSocket subscriber may fall behind before it is disconnected. */
  wsMaxBufferedBytes: number;
  /** Sandboxes alive at once per API key (per client IP when keys are off). */
  maxSandboxesPerKey: number;
  /** Requests per second per API key (per client IP when keys are off); 0 turns the limit off. */
  rateLimitPerSecond: number;
  /**
   * Event-loop delay (ms) past which requests are refused with 503 + Retry-After; 0: not checked.
   * Default: 1.5 × maxRequestMs (1500 ms with the default 1000 ms budget).
   *
   * What is measured is @fastify/under-pressure's reading: the mean event-loop delay over its
   * 1-s sample window, less its 10 ms resolution. A program that runs to the end of its time
   * budget blocks the loop for about maxRequestMs, so it reads up to about maxRequestMs:
   * measured (in-process, this 2-core machine shared with other work, 15 `while True:` programs
   * each stopped by the 1000 ms budget, with idle gaps of 0.2-1.7 s between them) the highest
   * readings were 999-1070 ms, programs took 1014 ms (median) to 1041 ms end to end, and a
   * neighbour polling every 100 ms got no 503. The threshold must sit above that, with room for
   * a GC pause or a busy machine: 1.5 × the budget is 40% above the worst reading. A stall
   * longer than that — which no request within its budget can cause — sheds load. Below the
   * budget (the old 2000 ms default was above it, so it was safe but lax) full-budget programs
   * would shed their neighbours. Whatever the threshold, a sample window with no tick at all
   * (the loop busy for the whole second, e.g. one client sending full-budget programs back to
   * back) reads as Infinity and sheds: measured, that client's own next requests got the 503s.
   */
  maxEventLoopDelayMs: number;
  /** Resident memory (MiB) past which requests are refused with 503 + Retry-After; 0: not checked. */
  maxRssMiB: number;
  /** Nodes in one graph or object-references reply; the rest are summarised as truncated. */
  maxGraphNodes: number;
  /** Bytes in one reply body (JSON or text). */
  maxReplyBytes: number;
  /** WebSocket subscribers of one sandbox. */
  maxSubscribersPerSandbox: number;
  /** WebSocket subscribers in this process. */
  maxSubscribers: number;
}

export interface Config {
  port: number;
  host: string;
  /** Pretty logs in development. */
  development: boolean;
  logLevel: string;
  limits: Limits;
  /** API keys; empty means creating sandboxes needs no key and listing does not exist. */
  apiKeys: string[];
  /**
   * Whose X-Forwarded-For to believe for the client address (rate limits, logs): false (no
   * one, the default), true (every hop), a hop count, or addresses/CIDRs/range names.
   */
  trustProxy: boolean | number | string[];
  /** CORS allowed origins; empty means CORS is off, `*` means any origin. */
  corsOrigins: string[];
  /**
   * Origins that may embed the playground (`/play?sandbox=ID`) in a frame: its CSP's
   * frame-ancestors. Empty (the default): no page may frame it.
   */
  frameAncestors: string[];
  /** How long shutdown waits for in-flight requests before exiting anyway. */
  shutdownGraceMs: number;
  /** Grading (POST /v1/grade): see src/grading/. */
  grading: GradingConfig;
  /**
   * Where sandboxes are kept: `sqlite` (the default) journals every changing op to an
   * embedded database under `dataDir` before replying, and brings sandboxes back after a
   * restart; `memory` keeps them only in this process (tests, demos); `redis` (with
   * HEAPLAB_REDIS_URL) shares them between nodes (src/store/redis.ts, src/cluster/).
   */
  store: StoreConfig;
  /**
   * Engine threads sandboxes are spread over (src/threads/front.ts): a front thread takes
   * HTTP and WebSocket connections and hands each request to the thread holding its
   * sandbox. 1: the server is one thread, as before.
   */
  threads: number;
}

export interface GradingConfig {
  /** Where exercises graded by id live (null: the shipped `exercises/`). */
  exercisesDir: string | null;
  /** Submissions in one POST /v1/grade/batch. */
  maxBatch: number;
  /** Characters in one submission. */
  maxSubmissionChars: number;
}

export interface StoreConfig {
  /** `redis` whenever HEAPLAB_REDIS_URL is set (HEAPLAB_STORE is then not read). */
  kind: 'sqlite' | 'memory' | 'redis';
  /** Directory of the SQLite database (created if missing). */
  dataDir: string;
  /**
   * Engine steps of replay cost after which a sandbox's heap is snapshotted again
   * (HEAPLAB_SNAPSHOT_EVERY; unset here: DEFAULT_SNAPSHOT_EVERY); 0: no snapshots are taken
   * (kept ones are still used). Not with the memory store.
   */
  snapshotEvery?: number;
  /** Set with HEAPLAB_REDIS_URL: nodes share sandboxes through one Redis (see src/store/redis.ts, src/cluster/). */
  redis?: {
    url: string;
    /**
     * Where other nodes reach this one (HEAPLAB_NODE_URL). Null: http://<HOST, or the
     * machine's hostname when HOST is a wildcard>:<the port listened on>.
     */
    nodeUrl: string | null;
    /** How long a node holds a sandbox without renewing (HEAPLAB_LEASE_MS): a dead node's sandboxes move after it. */
    leaseMs: number;
    idleTtlMs: number;
    eventsRetained: number;
  };
}

/** The default event-loop delay threshold, as a multiple of the request time budget (see Limits). */
export const EVENT_LOOP_DELAY_PER_REQUEST_MS = 1.5;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Read the configuration from an environment (defaults to `process.env`). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.HEAPLAB_REDIS_URL !== undefined && e.HEAPLAB_THREADS > 1) {
    throw new ConfigError('invalid configuration:\n  HEAPLAB_THREADS: with HEAPLAB_REDIS_URL a node runs one engine thread; ' +
      'run one node per core instead (see the README\'s "Several nodes")');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    development: e.NODE_ENV === 'development',
    logLevel: e.LOG_LEVEL,
    limits: {
      maxSandboxes: e.HEAPLAB_MAX_SANDBOXES,
      // Default: 80% of V8's heap limit (--max-old-space-size), leaving room for requests.
      maxHeapMiB: e.HEAPLAB_MAX_HEAP_MB || Math.floor((getHeapStatistics().heap_size_limit * 0.8) / 2 ** 20),
      maxObjectsPerSandbox: e.HEAPLAB_MAX_OBJECTS,
      maxBytesPerSandbox: e.HEAPLAB_MAX_SANDBOX_BYTES,
      maxOpsPerRequest: e.HEAPLAB_MAX_OPS_PER_REQUEST,
      maxLogEntries: e.HEAPLAB_MAX_LOG_ENTRIES,
      maxStepsPerRequest: e.HEAPLAB_MAX_STEPS,
      maxRequestMs: e.HEAPLAB_MAX_REQUEST_MS,
      sliceInstructions: e.HEAPLAB_SLICE_INSTRUCTIONS,
      maxEventsPerOp: e.HEAPLAB_MAX_EVENTS_PER_OP,
      eventsRetained: e.HEAPLAB_EVENTS_RETAINED,
      idleTtlSeconds: e.HEAPLAB_IDLE_TTL_SECONDS,
      bodyLimitBytes: e.HEAPLAB_BODY_LIMIT,
      wsMaxBufferedBytes: e.HEAPLAB_WS_MAX_BUFFERED_BYTES,
      maxSandboxesPerKey: e.HEAPLAB_MAX_SANDBOXES_PER_KEY,
      rateLimitPerSecond: e.HEAPLAB_RATE_LIMIT_RPS,
      maxEventLoopDelayMs: e.HEAPLAB_MAX_EVENT_LOOP_DELAY_MS >= 0
        ? e.HEAPLAB_MAX_EVENT_LOOP_DELAY_MS
        : Math.round(EVENT_LOOP_DELAY_PER_REQUEST_MS * e.HEAPLAB_MAX_REQUEST_MS),
      maxRssMiB: e.HEAPLAB_MAX_RSS_MB,
      maxGraphNodes: e.HEAPLAB_MAX_GRAPH_NODES,
      maxReplyBytes: e.HEAPLAB_MAX_REPLY_BYTES,
      maxSubscribersPerSandbox: e.HEAPLAB_MAX_SUBSCRIBERS_PER_SANDBOX,
      maxSubscribers: e.HEAPLAB_MAX_SUBSCRIBERS,
    },
    apiKeys: e.HEAPLAB_API_KEYS,
    corsOrigins: e.HEAPLAB_CORS_ORIGINS,
    frameAncestors: e.HEAPLAB_FRAME_ANCESTORS,
    trustProxy: e.HEAPLAB_TRUST_PROXY,
    shutdownGraceMs: e.HEAPLAB_SHUTDOWN_GRACE_MS,
    grading: {
      exercisesDir: e.HEAPLAB_EXERCISES_DIR ?? null,
      maxBatch: e.HEAPLAB_GRADE_MAX_BATCH,
      maxSubmissionChars: e.HEAPLAB_MAX_SUBMISSION_CHARS,
    },
    store: e.HEAPLAB_REDIS_URL === undefined ? { kind: e.HEAPLAB_STORE, dataDir: e.HEAPLAB_DATA_DIR, snapshotEvery: e.HEAPLAB_SNAPSHOT_EVERY } : {
      kind: 'redis', dataDir: e.HEAPLAB_DATA_DIR, snapshotEvery: e.HEAPLAB_SNAPSHOT_EVERY,
      redis: {
        url: e.HEAPLAB_REDIS_URL,
        nodeUrl: e.HEAPLAB_NODE_URL?.replace(/\/$/, '') ?? null,
        leaseMs: e.HEAPLAB_LEASE_MS,
        idleTtlMs: e.HEAPLAB_IDLE_TTL_SECONDS * 1000,
        eventsRetained: e.HEAPLAB_EVENTS_RETAINED,
      },
    },
    threads: e.HEAPLAB_THREADS || (e.HEAPLAB_REDIS_URL !== undefined ? 1 : autoThreads()),
  };
}

/**
 * The defaults, with selected fields overridden (tests, benchmarks). Unlike a deployment, the
 * per-client rate limit and the load shedding are off unless a test sets them: a test
 * process drives one server from one address as fast as it can, and pauses on purpose.
 * Sandboxes are kept in memory unless a test asks for a store.
 */
export function testConfig(overrides: { limits?: Partial<Limits> } & Partial<Omit<Config, 'limits'>> = {}): Config {
  const base = loadConfig({ LOG_LEVEL: 'silent', HEAPLAB_RATE_LIMIT_RPS: '0', HEAPLAB_MAX_EVENT_LOOP_DELAY_MS: '0', HEAPLAB_STORE: 'memory' });
  return { ...base, ...overrides, limits: { ...base.limits, ...overrides.limits } };
}
