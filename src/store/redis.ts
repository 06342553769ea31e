/**
 * The shared store (HEAPLAB_REDIS_URL): every node of a cluster keeps its sandboxes in
 * one Redis, and holds each sandbox it serves under a *lease*.
 *
 * Keys, per sandbox id (no Redis Cluster: the scripts touch several keys of one sandbox):
 *   heaplab:sb:{id}     hash: `record` (the SandboxRecord as JSON), `lastUsedAt`, `evseq`
 *                       (the last event seq written to the stream)
 *   heaplab:log:{id}    list: the op log, one JSON entry per element, oldest first
 *   heaplab:lease:{id}  string `<nodeId> <nodeUrl>`, with a TTL of the lease time
 *   heaplab:ev:{id}     stream: the sandbox's WebSocket messages, entry id `<seq>-1`,
 *                       capped near eventsRetained (what `since=` can replay on any node)
 *   heaplab:snap:{id}   hash: the latest heap snapshot — `meta` (JSON: atEntry, format,
 *                       cost, lastSeq, takenAt), `data` (the engine's bytes), `events`
 *                       (JSON: the events retained for `since=` at that point); a takeover
 *                       rebuilds from it and replays only the log after atEntry
 * and per quota subject, and for the whole cluster (quotas and listings over every node):
 *   heaplab:quota:{subject}  sorted set: the subject's sandboxes (and reservations `r:...`
 *                            of creations in flight), scored by when to look at them again
 *   heaplab:quota            sorted set: the same, of every subject
 * Every key of a sandbox expires a minute after the sandbox's idle lifetime ends, so a
 * sandbox no node holds any more is deleted by Redis itself; the holder's sweep deletes the
 * ones it holds on time.
 *
 * Fencing: every write is one Lua script that first checks that the lease is still this
 * node's and that the journal has exactly the length this node last wrote. A node whose
 * lease lapsed (paused, partitioned, or presumed dead and taken over) cannot append, and
 * no two nodes ever interleave entries in one journal.
 *
 * The Store interface is synchronous (the registry commits before it replies): here a
 * commit *stages* the request's entries (and, through {@link RedisStore.published}, its
 * events), which go to Redis in one script call at the end of the tick. The request's
 * reply waits for Redis to confirm (see src/cluster/plugin.ts: the writes a request made
 * are collected through an AsyncLocalStorage and awaited before the reply is sent). A
 * write that fails makes the reply a 503 and drops the sandbox from this node's memory,
 * so the next request rebuilds it from what Redis holds.
 *
 * The holder keeps the log in memory as well (fork, export and an atomic batch read it
 * synchronously); a node that takes a sandbox over reads it back once.
 *
 * A snapshot is written after the commit it follows has been confirmed, by its own
 * script call (SNAPSHOT_SCRIPT), fenced like a commit — the lease must be this node's and
 * the journal must hold, at atEntry - 1, the entry this node wrote there — and no reply
 * waits for it: losing one costs restore time only.
 */
import { randomBytes } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Redis, type Result } from 'ioredis';
import type { Event } from '../../sandbox/events.js';
import type { LogEntry, SandboxSnapshot } from '../engine.js';
import { toMessages } from '../fanout.js';
import type { QuotaRefusal } from '../counts.js';
import {
  StoreError, type JournalLog, type SandboxRecord, type Store, type StoredSandbox, type StoredSnapshot,
} from './store.js';

export const KEY_PREFIX = 'heaplab:';
export const keys = {
  record: (id: string) => `${KEY_PREFIX}sb:${id}`,
  log: (id: string) => `${KEY_PREFIX}log:${id}`,
  lease: (id: string) => `${KEY_PREFIX}lease:${id}`,
  events: (id: string) => `${KEY_PREFIX}ev:${id}`,
  snapshot: (id: string) => `${KEY_PREFIX}snap:${id}`,
  token: `${KEY_PREFIX}cluster-token`,
  /** Sorted set: the sandboxes one quota subject holds in the whole cluster (see ADMIT_SCRIPT). */
  quota: (subject: string) => `${KEY_PREFIX}quota:${subject}`,
  /** Sorted set: every sandbox of the cluster. */
  quotaAll: `${KEY_PREFIX}quota`,
};
/** A reservation's member in the quota sets, until its sandbox is created (then its id replaces it). */
const RESERVATION_PREFIX = 'r:';
/** How long a reservation counts if the node that made it never settles it (it died mid-request). */
const RESERVATION_MS = 60_000;
/** After a sandbox's idle lifetime, its keys live this much longer (covers deferred touches). */
const EXPIRY_SLACK_MS = 60_000;
/** Deferred last-use times are written at least this often. */
const TOUCH_FLUSH_MS = 5_000;
/** A stream keeps at least this many messages, whatever eventsRetained says (relays read it live). */
const MIN_STREAM_LENGTH = 100;
/** How long the stream of a deleted sandbox stays, so relays see its end marker. */
const GONE_STREAM_MS = 60_000;
/** Leases renewed per script call. */
const RENEW_BATCH = 500;

/**
 * KEYS: record, log, lease, events, snapshot. ARGV: lease value, lease ms, expire-at ms, record JSON
 * ('' unless this creates the sandbox), expected log length, lastUsedAt, entry count,
 * stream cap, then the entries, then (seq, message) pairs.
 * Creates (lease taken with NX) or appends (lease must be ours, log as long as we think);
 * writes events newer than `evseq` to the stream; returns the new log length.
 */
const WRITE_SCRIPT = `
if ARGV[4] ~= '' then
  if redis.call('EXISTS', KEYS[1]) == 1 then return redis.error_reply('EXISTS sandbox id already taken') end
  if not redis.call('SET', KEYS[3], ARGV[1], 'NX', 'PX', ARGV[2]) then return redis.error_reply('LEASE lease already taken') end
  redis.call('HSET', KEYS[1], 'record', ARGV[4], 'evseq', '0')
else
  if redis.call('GET', KEYS[3]) ~= ARGV[1] then return redis.error_reply('LEASE this node no longer holds the sandbox') end
  if redis.call('LLEN', KEYS[2]) ~= tonumber(ARGV[5]) then return redis.error_reply('SEQ the journal is not where this node left it') end
  redis.call('PEXPIRE', KEYS[3], ARGV[2])
end
redis.call('HSET', KEYS[1], 'lastUsedAt', ARGV[6])
local n = tonumber(ARGV[7])
local i = 9
for k = 1, n do
  redis.call('RPUSH', KEYS[2], ARGV[i])
  i = i + 1
end
local evseq = tonumber(redis.call('HGET', KEYS[1], 'evseq') or '0')
local last = evseq
while i < #ARGV do
  local seq = tonumber(ARGV[i])
  if seq > last then
    redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[8], seq .. '-1', 'm', ARGV[i + 1])
    last = seq
  end
  i = i + 2
end
if last ~= evseq then redis.call('HSET', KEYS[1], 'evseq', last) end
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
redis.call('PEXPIREAT', KEYS[2], ARGV[3])
redis.call('PEXPIREAT', KEYS[4], ARGV[3])
redis.call('PEXPIREAT', KEYS[5], ARGV[3])
return redis.call('LLEN', KEYS[2])
`;

/** KEYS: record, log, events, lease, snapshot. ARGV: lease value, lastUsedAt, expire-at ms. A use, if the lease is ours. */
const TOUCH_SCRIPT = `
if redis.call('GET', KEYS[4]) ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'lastUsedAt', ARGV[2])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
redis.call('PEXPIREAT', KEYS[2], ARGV[3])
redis.call('PEXPIREAT', KEYS[3], ARGV[3])
redis.call('PEXPIREAT', KEYS[5], ARGV[3])
return 1
`;

/**
 * KEYS: lease, log, snapshot. ARGV: lease value, atEntry, the journal's entry atEntry - 1
 * as this node wrote it ('' when atEntry is 0), meta JSON, data, events JSON, expire-at ms.
 * Replaces the snapshot if the lease is ours and the journal holds exactly the entries it
 * stands for (binary-safe: `data` is a Lua string of any bytes).
 */
const SNAPSHOT_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return redis.error_reply('LEASE this node no longer holds the sandbox') end
local n = tonumber(ARGV[2])
if n > 0 and redis.call('LINDEX', KEYS[2], n - 1) ~= ARGV[3] then
  return redis.error_reply('SNAPSHOT the journal does not hold the entries the snapshot stands for')
end
redis.call('DEL', KEYS[3])
redis.call('HSET', KEYS[3], 'meta', ARGV[4], 'data', ARGV[5], 'events', ARGV[6])
redis.call('PEXPIREAT', KEYS[3], ARGV[7])
return 1
`;

/**
 * KEYS: record, log, lease, events, the cluster's quota set, snapshot. ARGV: lease value, gone-stream
 * ms, the sandbox id, the per-subject quota key prefix. Deletes the sandbox unless another
 * node holds it, takes it out of the quota sets (its subject read from its record), and
 * ends its stream with a `gone` entry (relays close their subscribers on it). Returns 1
 * if deleted.
 */
const DELETE_SCRIPT = `
local holder = redis.call('GET', KEYS[3])
if holder and holder ~= ARGV[1] then return 0 end
local evseq = tonumber(redis.call('HGET', KEYS[1], 'evseq') or '0')
local rec = redis.call('HGET', KEYS[1], 'record')
if rec then
  redis.call('ZREM', ARGV[4] .. cjson.decode(rec).subject, ARGV[3])
  redis.call('ZREM', KEYS[5], ARGV[3])
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[6])
redis.call('XADD', KEYS[4], (evseq + 1) .. '-0', 'gone', '1')
redis.call('PEXPIRE', KEYS[4], ARGV[2])
return 1
`;

/**
 * Cluster-wide quotas (maxSandboxesPerKey, maxSandboxes). KEYS: the subject's quota set, the
 * cluster's. ARGV: now, per-subject max, cluster max, reservation member, its score, the
 * record key prefix, the score a live member is rechecked at.
 *
 * A member's score is when to look at it again. Members whose time has come are pruned
 * first: a reservation never settled, or a sandbox whose record is gone (deleted without
 * the delete reaching the set, or expired in Redis), leaves; a live sandbox is rechecked
 * later. Then the check and the reservation are one atomic step, so concurrent creations
 * on any nodes cannot pass a limit together. Returns {0 | 1 | 2, held}: 0 reserved,
 * 1 past the subject's max, 2 past the cluster's.
 */
const ADMIT_SCRIPT = `
local function prune(k)
  local due = redis.call('ZRANGEBYSCORE', k, '-inf', ARGV[1])
  for _, m in ipairs(due) do
    if string.sub(m, 1, 2) ~= 'r:' and redis.call('EXISTS', ARGV[6] .. m) == 1 then
      redis.call('ZADD', k, ARGV[7], m)
    else
      redis.call('ZREM', k, m)
    end
  end
end
prune(KEYS[1])
prune(KEYS[2])
local held = redis.call('ZCARD', KEYS[1])
if held >= tonumber(ARGV[2]) then return {1, held} end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return {2, held} end
redis.call('ZADD', KEYS[1], ARGV[5], ARGV[4])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4])
return {0, held}
`;

/** KEYS: leases. ARGV: lease value, lease ms. Renews each lease still ours; 1/0 per key. */
const RENEW_SCRIPT = `
local out = {}
for i, k in ipairs(KEYS) do
  if redis.call('GET', k) == ARGV[1] then
    redis.call('PEXPIRE', k, ARGV[2])
    out[i] = 1
  else
    out[i] = 0
  end
end
return out
`;

/** KEYS: lease. ARGV: lease value, lease ms. Takes a free lease or keeps ours; 1 if ours now. */
const ACQUIRE_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

/** KEYS: lease. ARGV: lease value. Gives the lease up if it is ours (clean shutdown). */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    heaplabWrite(...args: (string | number)[]): Result<number, Context>;
    heaplabTouch(...args: (string | number)[]): Result<number, Context>;
    heaplabDelete(...args: (string | number)[]): Result<number, Context>;
    heaplabRenew(...args: (string | number)[]): Result<number[], Context>;
    heaplabAcquire(...args: (string | number)[]): Result<number, Context>;
    heaplabRelease(...args: (string | number)[]): Result<number, Context>;
    heaplabAdmit(...args: (string | number)[]): Result<[number, number], Context>;
    heaplabSnapshot(...args: (string | number | Buffer)[]): Result<number, Context>;
  }
}

/**
 * A sandbox's log on its holder: every entry in memory; the first `handed` of them given
 * to the store (written, or in a write not yet confirmed), the first `confirmed` of them
 * confirmed by Redis. Invariant: confirmed <= handed <= length.
 */
class RedisLog implements JournalLog {
  confirmed: number;

  constructor(readonly id: string, private readonly entries: LogEntry[], public handed: number) {
    this.confirmed = handed;
  }

  get length(): number {
    return this.entries.length;
  }

  append(entry: LogEntry): void {
    this.entries.push(entry);
  }

  read(): LogEntry[] {
    return this.entries.slice();
  }

  readFrom(start: number): LogEntry[] {
    return this.entries.slice(start);
  }

  /** Entry `i` as the journal holds it (JSON, as it was written). */
  entryText(i: number): string {
    return JSON.stringify(this.entries[i]);
  }

  /** The entries not yet handed to the store; they are handed now. */
  takePending(): LogEntry[] {
    const out = this.entries.slice(this.handed);
    this.handed = this.entries.length;
    return out;
  }

  /** Drop what Redis has not confirmed (a write failed: the registry rebuilds the sandbox from the rest). */
  discardPending(): void {
    this.entries.length = this.confirmed;
    this.handed = this.confirmed;
  }
}

/** What one sandbox's next script call will write. */
interface Staged {
  id: string;
  log: RedisLog;
  record: SandboxRecord | null;
  /** The log length Redis must have before this write. */
  expected: number;
  entries: LogEntry[];
  events: Event[];
  lastUsedAt: number;
  done: Deferred;
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {}); // awaited by the request, if any; never an unhandled rejection
  return { promise, resolve, reject };
}

/** The writes one request made: its reply waits for them (see src/cluster/plugin.ts). */
export interface RequestWrites {
  promises: Promise<void>[];
}
export const requestWrites = new AsyncLocalStorage<RequestWrites>();

/** Who holds a sandbox's lease: a node id and the URL requests are forwarded to. */
export interface Holder {
  nodeId: string;
  url: string;
}

export interface RedisStoreOptions {
  url: string;
  /** This node's URL as other nodes reach it (HEAPLAB_NODE_URL); null until {@link RedisStore.listening} says. */
  nodeUrl: string | null;
  leaseMs: number;
  idleTtlMs: number;
  eventsRetained: number;
}

/** A lease's value, `<nodeId> <nodeUrl>`, as a Holder (null: no lease). */
function parseLease(v: string | null): Holder | null {
  if (v === null) return null;
  const space = v.indexOf(' ');
  return { nodeId: v.slice(0, space), url: v.slice(space + 1) };
}

/** A snapshot hash as HGETALL returns it (null: none kept); throws if it cannot be read. */
function parseSnapshot(h: Record<string, Buffer>): StoredSnapshot | null {
  if (h.meta === undefined || h.data === undefined || h.events === undefined) return null;
  const m = JSON.parse(h.meta.toString('utf8')) as { atEntry: number; format: number; cost: number; lastSeq: number };
  const data = new Uint8Array(h.data.buffer, h.data.byteOffset, h.data.byteLength);
  return {
    snapshot: { format: m.format, atEntry: m.atEntry, cost: m.cost, lastSeq: m.lastSeq, data },
    events: JSON.parse(h.events.toString('utf8')) as Event[],
  };
}

/** A write Redis refused on purpose (lease or journal position), not because it was unreachable. */
const isFenced = (err: unknown) => err instanceof Error && /^(LEASE|SEQ|EXISTS) /.test(err.message);

export class RedisStore implements Store {
  readonly kind = 'redis';
  readonly keepsSnapshots = true;
  readonly nodeId = randomBytes(9).toString('base64url');
  readonly redis: Redis;
  /** What this node's leases hold: `<nodeId> <nodeUrl>`. */
  private leaseValue: string;
  /** Leases this node holds: sandbox id → until when (ms since the epoch, this clock). */
  private readonly leases = new Map<string, number>();
  private readonly staged = new Map<string, Staged>();
  private flushQueued = false;
  private readonly touches = new Map<string, number>();
  private lastFailure: string | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private closing: Promise<void> | null = null;
  /** Called when this node learns it no longer holds a sandbox (lease lost, write refused). */
  onLost: (id: string, why: string) => void = () => {};
  /** Called when a write of a sandbox failed (Redis unreachable): its log is back to what Redis confirmed. */
  onFailed: (id: string) => void = () => {};
  /** Called with the seconds each confirmed write took. */
  onWrite: (seconds: number) => void = () => {};

  constructor(readonly opts: RedisStoreOptions) {
    this.leaseValue = `${this.nodeId} ${opts.nodeUrl ?? ''}`;
    this.redis = new Redis(opts.url, {
      // A command while disconnected fails at once (a 503), rather than waiting in a queue.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      connectTimeout: 2_000,
      retryStrategy: (n) => Math.min(100 * n, 1_000),
    });
    this.redis.on('error', (err: Error) => {
      this.lastFailure = `Redis: ${err.message}`;
    });
    this.redis.on('ready', () => {
      this.lastFailure = null;
    });
    this.redis.defineCommand('heaplabWrite', { numberOfKeys: 5, lua: WRITE_SCRIPT });
    this.redis.defineCommand('heaplabTouch', { numberOfKeys: 5, lua: TOUCH_SCRIPT });
    this.redis.defineCommand('heaplabDelete', { numberOfKeys: 6, lua: DELETE_SCRIPT });
    this.redis.defineCommand('heaplabSnapshot', { numberOfKeys: 3, lua: SNAPSHOT_SCRIPT });
    this.redis.defineCommand('heaplabAdmit', { numberOfKeys: 2, lua: ADMIT_SCRIPT });
    this.redis.defineCommand('heaplabRenew', { lua: RENEW_SCRIPT });
    this.redis.defineCommand('heaplabAcquire', { numberOfKeys: 1, lua: ACQUIRE_SCRIPT });
    this.redis.defineCommand('heaplabRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
    const renew = setInterval(() => void this.renewLeases(), Math.max(100, Math.floor(opts.leaseMs / 3)));
    const touch = setInterval(() => this.flush(), TOUCH_FLUSH_MS);
    for (const t of [renew, touch]) t.unref();
    this.timers.push(renew, touch);
  }

  /** The server listens at `url`: without HEAPLAB_NODE_URL, that is where other nodes forward to (set before any lease). */
  listening(url: string): void {
    if (this.opts.nodeUrl === null && this.leases.size === 0) this.leaseValue = `${this.nodeId} ${url}`;
  }

  /** Wait (at most `ms`) for the connection to be ready; false if it is not. */
  async ready(ms: number): Promise<boolean> {
    if (this.redis.status === 'ready') return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        resolve(false);
      }, ms);
      const onReady = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.redis.once('ready', onReady);
    });
  }

  // ------------------------------------------------------------ the Store interface

  newLog(id: string): JournalLog {
    return new RedisLog(id, [], 0);
  }

  private logOf(log: JournalLog): RedisLog {
    if (!(log instanceof RedisLog)) throw new TypeError('not a log of this store');
    return log;
  }

  create(record: SandboxRecord, journal: JournalLog): void {
    this.requireUp();
    const log = this.logOf(journal);
    const s = this.stage(record.id, log, 0, record.lastUsedAt);
    s.record = record;
    s.entries.push(...log.takePending());
    this.leases.set(record.id, Date.now() + this.opts.leaseMs);
  }

  commit(id: string, journal: JournalLog, lastUsedAt: number): void {
    this.requireUp();
    if (!this.holds(id)) throw new StoreError('this node no longer holds the sandbox (its lease lapsed)');
    const log = this.logOf(journal);
    const expected = log.handed;
    const s = this.stage(id, log, expected, lastUsedAt);
    s.entries.push(...log.takePending());
    this.touches.delete(id);
  }

  /** The events a request published go to the stream in the same script call as its entries. */
  published(id: string, events: readonly Event[]): void {
    if (events.length === 0 || !this.holds(id)) return;
    const s = this.staged.get(id);
    if (s !== undefined) s.events.push(...events);
    // Events without entries (nothing logged) are not written: no op that changes nothing emits any.
  }

  touch(id: string, lastUsedAt: number): void {
    this.touches.set(id, lastUsedAt);
  }

  delete(id: string): void {
    this.requireUp();
    this.leases.delete(id);
    this.touches.delete(id);
    const p = this.redis.heaplabDelete(keys.record(id), keys.log(id), keys.lease(id), keys.events(id), keys.quotaAll,
      keys.snapshot(id), this.leaseValue, GONE_STREAM_MS, id, keys.quota(''))
      .then(() => undefined, (err: unknown) => {
        this.noteFailure(err);
        throw err;
      });
    p.catch(() => {});
    requestWrites.getStore()?.promises.push(p);
  }

  /** Nothing is loaded at start-up: a node takes sandboxes over when a request needs one (see takeOver). */
  load(): StoredSandbox[] {
    return [];
  }

  /**
   * Write `snap` once the commit it follows is confirmed (a commit staged in this tick is
   * sent at its end: the snapshot must not overtake it). Never part of a request's writes.
   */
  saveSnapshot(id: string, journal: JournalLog, snap: SandboxSnapshot, events: readonly Event[], takenAt: number): Promise<void> {
    const log = this.logOf(journal);
    const expected = snap.atEntry > 0 ? log.entryText(snap.atEntry - 1) : '';
    const meta = JSON.stringify({ atEntry: snap.atEntry, format: snap.format, cost: snap.cost, lastSeq: snap.lastSeq, takenAt });
    const data = Buffer.from(snap.data.buffer, snap.data.byteOffset, snap.data.byteLength);
    const eventsJson = JSON.stringify(events);
    const after = this.staged.get(id)?.done.promise ?? Promise.resolve();
    return after.then(async () => {
      await this.redis.heaplabSnapshot(keys.lease(id), keys.log(id), keys.snapshot(id),
        this.leaseValue, snap.atEntry, expected, meta, data, eventsJson, this.expireAt(takenAt));
    });
  }

  /** Not readable synchronously here: a rebuild on this node replays the log it holds. */
  snapshotOf(): StoredSnapshot | null {
    return null;
  }

  failure(): string | null {
    if (this.redis.status !== 'ready') return `Redis unreachable (${this.redis.status})`;
    return this.lastFailure;
  }

  /** Write the deferred uses (fire and forget: a lost one only shortens a lifetime). */
  flush(): void {
    if (this.touches.size === 0 || this.redis.status !== 'ready') return;
    const batch = [...this.touches];
    this.touches.clear();
    const p = this.redis.pipeline();
    for (const [id, t] of batch) {
      p.heaplabTouch(keys.record(id), keys.log(id), keys.events(id), keys.lease(id), keys.snapshot(id), this.leaseValue, t, this.expireAt(t));
    }
    p.exec().catch((err: unknown) => this.noteFailure(err));
  }

  close(): void {
    void this.shutdown();
  }

  /**
   * Clean shutdown: wait for writes in flight, write deferred uses, give up every lease
   * (so other nodes take the sandboxes over at once, not after the lease time), disconnect.
   */
  shutdown(): Promise<void> {
    this.closing ??= (async () => {
      for (const t of this.timers) clearInterval(t);
      this.flushStaged();
      this.flush();
      if (this.redis.status === 'ready') {
        const p = this.redis.pipeline();
        for (const id of this.leases.keys()) p.heaplabRelease(keys.lease(id), this.leaseValue);
        this.leases.clear();
        await p.exec().catch(() => {});
        await this.redis.quit().catch(() => {});
      }
      this.redis.disconnect();
    })();
    return this.closing;
  }

  // ------------------------------------------------------------ staged writes

  private requireUp(): void {
    const why = this.failure();
    if (why !== null) throw new StoreError(why);
  }

  /** The staged write of `id` for this tick (created if none); the current request will wait for it. */
  private stage(id: string, log: RedisLog, expected: number, lastUsedAt: number): Staged {
    let s = this.staged.get(id);
    if (s === undefined) {
      s = { id, log, record: null, expected, entries: [], events: [], lastUsedAt, done: deferred() };
      this.staged.set(id, s);
      if (!this.flushQueued) {
        this.flushQueued = true;
        queueMicrotask(() => this.flushStaged());
      }
    }
    s.lastUsedAt = lastUsedAt;
    requestWrites.getStore()?.promises.push(s.done.promise);
    return s;
  }

  /** Send every staged write, one script call each (ioredis pipelines them in order on one connection). */
  private flushStaged(): void {
    this.flushQueued = false;
    const batch = [...this.staged.values()];
    this.staged.clear();
    for (const s of batch) this.send(s);
  }

  private send(s: Staged): void {
    const { id } = s;
    const args: (string | number)[] = [
      keys.record(id), keys.log(id), keys.lease(id), keys.events(id), keys.snapshot(id),
      this.leaseValue, this.opts.leaseMs, this.expireAt(s.lastUsedAt), s.record === null ? '' : JSON.stringify(s.record),
      s.expected, s.lastUsedAt, s.entries.length, Math.max(MIN_STREAM_LENGTH, this.opts.eventsRetained),
    ];
    for (const e of s.entries) args.push(JSON.stringify(e));
    for (const m of toMessages(s.events)) args.push(m.seq, m.data.toString('utf8'));
    const leaseFrom = Date.now();
    const t0 = performance.now();
    this.redis.heaplabWrite(...args).then(() => {
      this.onWrite((performance.now() - t0) / 1000);
      this.lastFailure = null;
      if (this.leases.has(id)) this.leases.set(id, leaseFrom + this.opts.leaseMs);
      s.log.confirmed = Math.max(s.log.confirmed, s.expected + s.entries.length);
      s.done.resolve();
    }, (err: unknown) => {
      this.noteFailure(err);
      const why = err instanceof Error ? err.message : String(err);
      // Refused (another node's lease, a journal that moved) or never created: not ours to
      // serve. Lost on the way (Redis unreachable): back to what Redis confirmed; should
      // the write have landed after all, the next one finds the journal longer (SEQ) and
      // the sandbox is read back from Redis.
      if (isFenced(err) || s.record !== null) this.lost(id, why);
      else this.onFailed(id);
      s.done.reject(err);
    });
  }

  /** A failure that is not a fence (the connection, a timeout) makes the store unhealthy until the next success. */
  private noteFailure(err: unknown): void {
    if (isFenced(err)) return;
    this.lastFailure = `Redis: ${err instanceof Error ? err.message : String(err)}`;
  }

  private expireAt(lastUsedAt: number): number {
    return lastUsedAt + this.opts.idleTtlMs + EXPIRY_SLACK_MS;
  }

  // ------------------------------------------------------------ leases (used by src/cluster/)

  /** Leases this node holds (some may have lapsed unrenewed). */
  get leaseCount(): number {
    return this.leases.size;
  }

  /** Whether this node holds `id`'s lease (as far as its last renewal knows). */
  holds(id: string): boolean {
    const until = this.leases.get(id);
    return until !== undefined && until > Date.now();
  }

  /** Forget a lease this node can no longer count on; the registry is told through onLost. */
  private lost(id: string, why: string): void {
    this.leases.delete(id);
    const s = this.staged.get(id);
    if (s !== undefined) {
      this.staged.delete(id);
      s.done.reject(new StoreError(why));
    }
    this.onLost(id, why);
  }

  /** Who holds `id`'s lease now (null: nobody). Throws if Redis cannot be asked. */
  async holder(id: string): Promise<Holder | null> {
    return parseLease(await this.redis.get(keys.lease(id)));
  }

  /** Who holds each of `ids` now, in one round trip (a listing's). */
  async holders(ids: readonly string[]): Promise<Array<Holder | null>> {
    if (ids.length === 0) return [];
    return (await this.redis.mget(...ids.map(keys.lease))).map(parseLease);
  }

  /** Milliseconds left on `id`'s lease (-2: no lease). */
  leaseLeft(id: string): Promise<number> {
    return this.redis.pttl(keys.lease(id));
  }

  /**
   * Take `id` over: its lease (if free, or already ours) and everything kept of it.
   * 'held' when another node holds it; null when no such sandbox is kept (the lease is
   * given back).
   */
  async takeOver(id: string): Promise<StoredSandbox | 'held' | null> {
    const leaseFrom = Date.now();
    if (await this.redis.heaplabAcquire(keys.lease(id), this.leaseValue, this.opts.leaseMs) !== 1) return 'held';
    const [[e1, fields], [e2, entries], [e3, snap]] = (await this.redis.multi()
      .hgetall(keys.record(id))
      .lrange(keys.log(id), 0, -1)
      .hgetallBuffer(keys.snapshot(id))
      .exec())! as [[Error | null, Record<string, string>], [Error | null, string[]], [Error | null, Record<string, Buffer>]];
    if (e1 || e2 || e3) throw e1 ?? e2 ?? e3;
    if (fields.record === undefined) {
      await this.redis.heaplabRelease(keys.lease(id), this.leaseValue);
      return null;
    }
    const record = { ...(JSON.parse(fields.record) as SandboxRecord), lastUsedAt: Number(fields.lastUsedAt) };
    this.leases.set(id, leaseFrom + this.opts.leaseMs);
    const log = entries.map((s) => JSON.parse(s) as LogEntry);
    return { record, log: new RedisLog(id, log, log.length), snapshot: () => parseSnapshot(snap) };
  }

  /** What is kept of `id` without taking it (a relay's check): its record, or null. */
  async peek(id: string): Promise<SandboxRecord | null> {
    const fields = await this.redis.hgetall(keys.record(id));
    if (fields.record === undefined) return null;
    return { ...(JSON.parse(fields.record) as SandboxRecord), lastUsedAt: Number(fields.lastUsedAt) };
  }

  /** Renew every lease held; tell onLost of those another node has now (or that ran out unrenewed). */
  private async renewLeases(): Promise<void> {
    if (this.closing) return;
    const ids = [...this.leases.keys()];
    const t = Date.now();
    for (let i = 0; i < ids.length; i += RENEW_BATCH) {
      const chunk = ids.slice(i, i + RENEW_BATCH);
      let got: number[];
      try {
        got = await this.redis.heaplabRenew(chunk.length, ...chunk.map(keys.lease), this.leaseValue, this.opts.leaseMs);
      } catch (err) {
        // Leases lapse here by themselves (holds() turns false, commits are refused).
        this.noteFailure(err);
        continue;
      }
      chunk.forEach((id, k) => {
        if (!this.leases.has(id)) return; // deleted meanwhile
        if (got[k] === 1) this.leases.set(id, t + this.opts.leaseMs);
        else this.lost(id, 'lease taken over by another node');
      });
    }
  }

  // ------------------------------------------------------------ quotas across the cluster (used by src/cluster/)

  /**
   * Reserve one sandbox for `subject` in the cluster's counts (ADMIT_SCRIPT): the
   * reservation to settle once the sandbox is made (or not), or which limit refused it and
   * how many the subject holds.
   */
  async admit(subject: string, perSubject: number, total: number): Promise<
    { reservation: string } | { refused: QuotaRefusal; held: number }> {
    const now = Date.now();
    const reservation = RESERVATION_PREFIX + randomBytes(12).toString('base64url');
    const [code, held] = await this.redis.heaplabAdmit(keys.quota(subject), keys.quotaAll,
      now, perSubject, total, reservation, now + RESERVATION_MS, keys.record(''), now + this.opts.idleTtlMs);
    if (code === 1) return { refused: 'maxSandboxesPerKey', held };
    if (code === 2) return { refused: 'maxSandboxes', held };
    return { reservation };
  }

  /** The reservation is over: replaced by the sandbox `id` it made, or given back (null). */
  async settle(subject: string, reservation: string, id: string | null): Promise<void> {
    const m = this.redis.multi().zrem(keys.quota(subject), reservation).zrem(keys.quotaAll, reservation);
    if (id !== null) {
      const at = Date.now() + this.opts.idleTtlMs;
      m.zadd(keys.quota(subject), at, id).zadd(keys.quotaAll, at, id);
    }
    await m.exec();
  }

  /** How many sandboxes (and creations in flight) `subject` holds in the cluster, as admit counts them. */
  async heldBy(subject: string): Promise<number> {
    const now = Date.now();
    // A limit of 0 is always reached: the script prunes and counts, and reserves nothing.
    const [, held] = await this.redis.heaplabAdmit(keys.quota(subject), keys.quotaAll,
      now, 0, 0, '', 0, keys.record(''), now + this.opts.idleTtlMs);
    return held;
  }

  /** Sandboxes `subject` holds in the cluster (made, not reservations), oldest reservation first. */
  async idsOf(subject: string): Promise<string[]> {
    const all = await this.redis.zrange(keys.quota(subject), 0, -1);
    return all.filter((m) => !m.startsWith(RESERVATION_PREFIX));
  }

  /** Seconds until the first of `subject`'s sandboxes is due to be looked at again (at least 1). */
  async secondsUntilOneDue(subject: string): Promise<number> {
    const first = await this.redis.zrange(keys.quota(subject), 0, 0, 'WITHSCORES');
    return first.length < 2 ? 1 : Math.max(1, Math.ceil((Number(first[1]) - Date.now()) / 1000));
  }

  /** A shared secret of the cluster's nodes (marks requests one node forwards to another). */
  async clusterToken(): Promise<string> {
    await this.redis.set(keys.token, randomBytes(24).toString('base64url'), 'NX');
    const t = await this.redis.get(keys.token);
    if (t === null) throw new StoreError('cluster token vanished');
    return t;
  }
}
