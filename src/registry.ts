/**
 * The sandbox registry: which sandboxes exist, who may list them, when they expire.
 *
 * A sandbox id is 128 random bits (base64url). Without API keys it is the sandbox's
 * capability: whoever holds it may drive the sandbox. With keys, a sandbox also belongs to
 * the key that created it, and {@link SandboxRegistry.require} treats another key's sandbox
 * as missing. The registry never hands out an id except to the request that created the
 * sandbox (and, with API keys, to listings by the same key).
 *
 * Each sandbox is charged to a quota subject (its key, or its creator's address without
 * keys); a subject holds at most `maxSandboxesPerKey` sandboxes at once.
 *
 * Every sandbox is kept in a {@link Store} (see src/store/store.ts): a request that
 * changes a sandbox is committed there (see {@link SandboxRegistry.commit}) before its
 * events are published and its reply sent; a store that cannot be written answers 503
 * and leaves the sandbox as the store has it. At start-up, {@link SandboxRegistry.load}
 * takes in every kept sandbox, to be rebuilt by replaying its log (in the background, or
 * first thing when a request needs it).
 *
 * Snapshots keep that replay bounded however long a sandbox has lived: after a commit, once
 * replaying what came since the last snapshot would cost enough (see snapshotThreshold),
 * the heap is snapshotted and kept with the sandbox; a rebuild starts from the latest
 * snapshot and replays only the log after it, and falls back to replaying the whole log
 * if anything on that path fails. The journal stays what is durable: a snapshot that is
 * refused or not written costs restore time, never a request.
 */
import { programClock } from './clock.js';
import { randomBytes } from 'node:crypto';
import { Counts, type QuotaRefusal } from './counts.js';
import { getHeapStatistics } from 'node:v8';
import type { Event } from '../sandbox/events.js';
import type { Op, SandboxOptions } from '../sandbox/ops.js';
import type { Limits } from './config.js';
import {
  Sandbox, ReplayLimitError, isLogged, restoreFromSnapshot, takeSnapshot,
  type ApplyResult, type ExecResult, type LogEntry, type ReplayBudget, type StepForkRefusal,
} from './engine.js';
import { Channel, CloseCode } from './fanout.js';
import { ProblemError, ProblemType } from './problem.js';
import { MemoryStore, type JournalLog, type Store, type StoredSandbox, type StoredSnapshot } from './store/store.js';

export interface SandboxEntry {
  readonly id: string;
  /** Replaced only when a failed commit rebuilds it from the store (see commit). */
  sandbox: Sandbox;
  /** The sandbox's op log, as the store keeps it. */
  readonly log: JournalLog;
  readonly label: string | null;
  /** Which API key created it (index into the configured keys), or null without keys. */
  readonly owner: number | null;
  /** Whose sandbox quota it counts against (see ApiKeys.subject). */
  readonly subject: string;
  readonly options: SandboxOptions;
  readonly createdAt: number;
  lastUsedAt: number;
  /** Entries in the sandbox's op log (bounded by maxLogEntries; read-only ops are not logged). */
  logEntries: number;
  /** Bumped by every request that may change the heap: a key for caching what was read from it. */
  version: number;
  /**
   * Set when replaying this sandbox's log (for a fork or an atomic batch) ran out of
   * time: the log's replay cost then. The log only grows, so any later replay would run
   * out of time too; it is refused up front instead of holding the server again.
   */
  slowReplayCost: number | null;
  /** The replay cost when a snapshot of it was last taken or tried (or the kept one it was rebuilt from); 0: none. */
  snapshotCost: number;
  /**
   * Whether the channel retains the events a full replay of the log would retain (what a
   * snapshot keeps for `since=`). False for a fork or a sandbox created from a replayed
   * log — their replays' events were never published — until a rebuild has replayed its
   * history: such a sandbox is not snapshotted before.
   */
  eventsKnown: boolean;
  readonly channel: Channel;
  /**
   * While a time-sliced program runs in this sandbox: settles when it has ended. Every
   * other request for the sandbox waits for it (see access.ts), so nothing sees or
   * changes the heap between two slices.
   */
  busy: Promise<void> | null;
}

export interface CreateParams {
  options: SandboxOptions;
  label?: string | null;
  owner?: number | null;
  /** Whose quota it counts against (default: the owner's key, or "anonymous"). */
  subject?: string;
  replay?: LogEntry[];
}

const subjectOf = (owner: number | null, subject?: string) => subject ?? (owner === null ? 'anonymous' : `key:${owner}`);

/** 128 random bits, URL-safe: `crypto.randomBytes(16).toString('base64url')` (22 chars). */
export function newSandboxId(): string {
  return randomBytes(16).toString('base64url');
}

export const SANDBOX_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/**
 * The 429 for a sandbox past a quota: `held` sandboxes of the caller's (maxSandboxesPerKey,
 * with the seconds until one of them expires) or the server full (maxSandboxes). One text
 * for every counter: this process's (src/counts.ts) and, on Redis, the cluster's.
 */
export function quotaProblem(limit: QuotaRefusal, limits: Limits, held: number, retryAfterSeconds: number): ProblemError {
  if (limit === 'maxSandboxesPerKey') {
    return new ProblemError(429, ProblemType.limit, 'Too Many Sandboxes For This Key',
      `You hold ${held} sandboxes, the most one API key (or, without keys, one address) may hold ` +
      `at once (maxSandboxesPerKey = ${limits.maxSandboxesPerKey}); delete one or wait for an idle one to expire.`,
      { limit, retryAfterSeconds });
  }
  return new ProblemError(429, ProblemType.limit, 'Too Many Sandboxes',
    `This server holds at most ${limits.maxSandboxes} sandboxes; delete one or wait for idle ones to expire.`,
    { limit });
}

/** What the registry reports as it works (metrics); every hook is optional. */
export interface RegistryHooks {
  /** A request's log entries were committed, taking `seconds`. */
  journalWrite?(seconds: number): void;
  /** A request ran `steps` engine steps in `seconds` (ops or exec). */
  ran?(steps: number, seconds: number): void;
  /** Something worth an operator's attention (a sandbox that no longer replays, a failed delete). */
  warn?(msg: string, detail: Record<string, unknown>): void;
  /**
   * A snapshot was due and was written (its size, and seconds to take and to write it),
   * refused by the engine, failed, or skipped (the heap too big to snapshot within a request's time).
   */
  snapshot?(outcome: 'written' | 'refused' | 'failed' | 'skipped', written?: { bytes: number; takeSeconds: number; writeSeconds: number }): void;
  /** A sandbox was rebuilt from its snapshot and the log after it, or by replaying its whole log. */
  restored?(from: 'snapshot' | 'replay'): void;
}

/** How the registry keeps restore time bounded (see SandboxRegistry.snapshotThreshold). */
export interface SnapshotPolicy {
  /** Engine steps of replay cost since the last snapshot that call for a new one (HEAPLAB_SNAPSHOT_EVERY); 0: none taken. */
  every: number;
}

/** What {@link SandboxRegistry.restore} did. */
export interface RestoreReport {
  restored: number;
  /** How many of them started from a snapshot (the rest replayed their whole log). */
  fromSnapshot: number;
  expired: number;
  /** Sandboxes whose log no longer replays: kept in the store, not served. */
  failed: Array<{ id: string; reason: string }>;
  entries: number;
  ms: number;
}

export class SandboxRegistry {
  private readonly entries = new Map<string, SandboxEntry>();
  /** Sandboxes the store keeps that are not rebuilt yet (start-up; see load). */
  private readonly waiting = new Map<string, StoredSandbox>();
  private restorer: NodeJS.Immediate | null = null;
  /** Sandboxes held per quota subject and in all (shared by the engine threads: src/counts.ts). */
  private readonly counts: Counts;
  /** Whether sandbox `id` belongs to this registry's engine thread (src/threads/placement.ts); new ids are drawn until one does. */
  private readonly owns: (id: string) => boolean;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly limits: Limits,
    /** Milliseconds since the epoch; injectable so tests can move time. */
    readonly now: () => number = Date.now,
    readonly store: Store = new MemoryStore(),
    private readonly hooks: RegistryHooks = {},
    /** Several engine threads: the shared counts, and which ids this thread's sandboxes get. */
    placement?: { counts: Counts; owns: (id: string) => boolean },
    snapshots: SnapshotPolicy = { every: 0 },
  ) {
    this.counts = placement?.counts ?? new Counts(limits.maxSandboxes);
    this.owns = placement?.owns ?? (() => true);
    this.snapshotEvery = store.keepsSnapshots ? snapshots.every : 0;
    this.maxSnapshotObjects = Math.floor((limits.maxRequestMs * 1000) / SNAPSHOT_MICROS_PER_OBJECT);
  }

  /**
   * The largest heap (in objects) snapshotted: taking a snapshot holds the thread, as a
   * request does, so it must fit in about one request's time (maxRequestMs), as a fork's
   * replay must. A bigger heap is restored by replaying its log.
   */
  private readonly maxSnapshotObjects: number;

  /** Engine steps of replay between snapshots (at least; see snapshotThreshold); 0: snapshots are not taken. */
  private readonly snapshotEvery: number;

  /** Sandboxes held, counting those waiting to be rebuilt. */
  get size(): number {
    return this.entries.size + this.waiting.size;
  }

  /** The engine options a sandbox gets: the request's, with the server's maxima as defaults. */
  effectiveOptions(requested: SandboxOptions): SandboxOptions {
    const l = this.limits;
    return {
      ...requested,
      limits: {
        maxObjects: requested.limits?.maxObjects ?? l.maxObjectsPerSandbox,
        maxBytes: requested.limits?.maxBytes ?? l.maxBytesPerSandbox,
        maxSteps: requested.limits?.maxSteps ?? l.maxStepsPerRequest,
        maxEventsPerOp: requested.limits?.maxEventsPerOp ?? l.maxEventsPerOp,
      },
    };
  }

  /**
   * Create a sandbox (fresh, or rebuilt from a log). Throws 429 at capacity, 422 when the
   * log is longer than maxLogEntries or cannot be replayed within one request's budgets.
   */
  create(p: CreateParams): SandboxEntry {
    const subject = subjectOf(p.owner ?? null, p.subject);
    return this.keepNew(this.reserved(subject, () => {
      if (p.replay && p.replay.length > this.limits.maxLogEntries) throw this.logFull(p.replay.length, 0);
      this.requireWritable();
      const options = this.effectiveOptions(p.options);
      const id = this.freshId();
      const log = this.store.newLog(id);
      let sandbox: Sandbox;
      try {
        sandbox = p.replay
          ? Sandbox.replay({ version: 1, options, entries: p.replay }, this.replayBudget(this.deadline()), log)
          : new Sandbox(options, log);
      } catch (err) {
        throw err instanceof ReplayLimitError ? this.replayLimitProblem(err, 'replay') : err;
      }
      const e = this.add(id, log, sandbox, options, p.label ?? null, p.owner ?? null, subject);
      e.eventsKnown = !p.replay;
      return e;
    }));
  }

  /**
   * An independent copy of `src`, with a new id. The copy is `src`'s log replayed, so it
   * is refused (422) when that replay costs more than one request may spend.
   */
  fork(src: SandboxEntry, owner: number | null, subject?: string, atStep?: number): SandboxEntry {
    const who = subjectOf(owner, subject);
    return this.keepNew(this.reserved(who, () => {
      this.requireWritable();
      const id = this.freshId();
      const log = this.store.newLog(id);
      const copy = this.replaying(src, 'fork', (budget) => atStep === undefined
        ? src.sandbox.fork(budget, log)
        : stepForked(src.sandbox.forkAtStep(atStep, budget, log), atStep));
      const e = this.add(id, log, copy, src.options, src.label, owner, who);
      e.eventsKnown = false;
      return e;
    }));
  }

  /** Sandboxes alive now charged to `subject`. */
  countFor(subject: string): number {
    return this.counts.of(subject);
  }

  /**
   * Run something that replays `e`'s log (a fork, an atomic batch) within one request's
   * budgets; a limit becomes a 422, and running out of time is remembered (see
   * slowReplayCost) so the same sandbox does not hold the server again.
   */
  /** Time travel (Sandbox.stepAt), held to what a fork may spend. */
  stepAt(e: SandboxEntry, n: number, maxNodes: number): ReturnType<Sandbox['stepAt']> {
    return this.replaying(e, 'fork', (budget) => e.sandbox.stepAt(n, budget, maxNodes));
  }

  private replaying<T>(e: SandboxEntry, during: 'fork' | 'atomic', run: (budget: ReplayBudget) => T): T {
    const cost = e.sandbox.replayCost;
    if (e.slowReplayCost !== null && cost >= e.slowReplayCost) {
      throw this.replayLimitProblem(new ReplayLimitError('time', null, 'replaying this log ran out of time before'), during, cost, true);
    }
    try {
      return run(this.replayBudget(this.deadline()));
    } catch (err) {
      if (!(err instanceof ReplayLimitError)) throw err;
      if (err.limit === 'time') e.slowReplayCost = cost;
      throw this.replayLimitProblem(err, during, cost);
    }
  }

  /**
   * What one request may spend replaying a log (a replayed create, a fork, the trial copy
   * of an atomic batch): the per-request step budget and the request's deadline — the
   * same bounds a live request has, so no replay holds the server longer than one.
   */
  private replayBudget(interrupt: () => boolean): ReplayBudget {
    return { maxSteps: this.limits.maxStepsPerRequest, interrupt };
  }

  /** A replay stopped or refused by a limit → 422 naming the limit (and the entry, if any). */
  private replayLimitProblem(err: ReplayLimitError, during: 'replay' | 'fork' | 'atomic', cost?: number, before = false): ProblemError {
    const l = this.limits;
    const at = err.index === null ? '' : ` (stopped at entry ${err.index})`;
    const extra: Record<string, unknown> = err.index === null ? {} : { index: err.index };
    if (during === 'replay') {
      const field = err.index === null ? 'body.replay.entries' : `body.replay.entries[${err.index}]`;
      extra.errors = [{ field: err.limit === 'maxSteps' ? `${field}.stoppedAfterSteps` : field, message: err.message }];
    }
    if (err.limit === 'maxSteps') {
      return new ProblemError(422, ProblemType.limit, 'Replay Exceeds Step Limit',
        `body.replay.entries[${err.index}].stoppedAfterSteps: ${err.message}. This server allows at most ` +
        `${l.maxStepsPerRequest} steps per request (maxStepsPerRequest).`,
        { ...extra, limit: 'maxStepsPerRequest' });
    }
    const what = during === 'replay' ? 'Replaying this log'
      : during === 'fork' ? 'Forking this sandbox (which replays its log)'
        : 'An atomic batch on this sandbox (which runs on a copy made by replaying its log)';
    const advice = during === 'replay'
      ? 'Replay a shorter log, or split the work across several sandboxes.'
      : 'Start a new sandbox (or fork sandboxes while their logs are still cheap to replay)' +
        (during === 'atomic' ? ', or send the batch without atomic.' : '.');
    const costNote = cost !== undefined ? ` costs ${cost} steps and` : '';
    if (err.limit === 'time') {
      return new ProblemError(422, ProblemType.limit, 'Replay Too Slow',
        `${what}${costNote} ran past the ${l.maxRequestMs} ms one request may take (maxRequestMs)` +
        `${before ? ' when last tried, and its log has not become cheaper' : at}. ${advice}`,
        { ...extra, limit: 'maxRequestMs' });
    }
    return new ProblemError(422, ProblemType.limit, 'Replay Too Costly',
      `${what}${costNote} would spend more than the ${l.maxStepsPerRequest} engine steps one request may spend ` +
      `(maxStepsPerRequest)${at}. ${advice}`,
      { ...extra, limit: 'maxStepsPerRequest' });
  }

  /** Throw a 422 unless `n` more logged ops fit in the sandbox's log. */
  reserveLog(e: SandboxEntry, n: number): void {
    if (e.logEntries + n > this.limits.maxLogEntries) throw this.logFull(n, e.logEntries);
  }

  /**
   * The log is full. There is no compaction: every logged op moves something a later op
   * can observe (the next address, gc counts, event seq numbers), so dropping one would
   * change what replay rebuilds. A fork carries the whole log, so it is full too.
   */
  private logFull(n: number, have: number): ProblemError {
    return new ProblemError(422, ProblemType.limit, 'Sandbox Log Full',
      `This sandbox has logged ${have} ops; ${n} more would pass the ${this.limits.maxLogEntries}-op limit (maxLogEntries). ` +
      'Reads (getrefcount, getsizeof, stats and the GET queries) are not logged and still work; to change the heap ' +
      'further, start a new sandbox (a fork copies the whole log, so it would be full too).', { limit: 'maxLogEntries' });
  }

  /**
   * Count a new sandbox against `subject`'s quota and the server's capacity, then make it
   * with `make`; if that throws, the count is given back. The check and the count are one
   * atomic step (src/counts.ts), so concurrent creations on several threads cannot pass a
   * limit together.
   */
  private reserved(subject: string, make: () => SandboxEntry): SandboxEntry {
    this.reserve(subject);
    try {
      return make();
    } catch (err) {
      this.uncount(subject);
      throw err;
    }
  }

  /** Take one sandbox of `subject`'s quota and of the server's capacity, or throw 429 naming the limit. */
  private reserve(subject: string): void {
    const refused = this.counts.tryTake(subject, this.limits.maxSandboxesPerKey, this.limits.maxSandboxes);
    if (refused === 'maxSandboxesPerKey') {
      throw quotaProblem(refused, this.limits, this.countFor(subject), this.secondsUntilOneExpires(subject));
    }
    if (refused === 'maxSandboxes') throw quotaProblem(refused, this.limits, 0, 0);
    // Per-sandbox limits bound each sandbox; this bounds them all together.
    if (getHeapStatistics().used_heap_size > this.limits.maxHeapMiB * 2 ** 20) {
      this.uncount(subject);
      throw new ProblemError(429, ProblemType.limit, 'Server Memory Full',
        'This server is at its memory limit; delete sandboxes you no longer need or try again later.',
        { limit: 'maxHeapMiB' });
    }
  }

  /** Seconds until the first of `subject`'s sandboxes expires if left idle (at least 1). */
  private secondsUntilOneExpires(subject: string): number {
    let first = Infinity;
    for (const e of this.entries.values()) if (e.subject === subject) first = Math.min(first, this.expiresAt(e));
    for (const { record } of this.waiting.values()) if (record.subject === subject) first = Math.min(first, this.expiresAt(record));
    return Math.max(1, Math.ceil((first - this.now()) / 1000));
  }

  private freshId(): string {
    let id = newSandboxId();
    while (!this.owns(id) || this.entries.has(id) || this.waiting.has(id)) id = newSandboxId();
    return id;
  }

  private add(id: string, log: JournalLog, sandbox: Sandbox, options: SandboxOptions, label: string | null,
    owner: number | null, subject: string, createdAt = this.now(), lastUsedAt = createdAt): SandboxEntry {
    const entry: SandboxEntry = {
      id, sandbox, log, label, owner, subject, options, createdAt, lastUsedAt, logEntries: sandbox.logLength, version: 0,
      slowReplayCost: null, snapshotCost: 0, eventsKnown: true,
      channel: new Channel(this.limits.eventsRetained, undefined, this.snapshotEvery > 0), busy: null,
    };
    this.entries.set(id, entry);
    return entry;
  }

  // ---------------------------------------------------------------- the store

  /** Keep a sandbox just added (and its log so far) in the store; if it cannot, forget it and answer 503. */
  private keepNew(e: SandboxEntry): SandboxEntry {
    const t0 = performance.now();
    try {
      this.store.create({
        id: e.id, label: e.label, owner: e.owner, subject: e.subject, options: e.options, createdAt: e.createdAt, lastUsedAt: e.lastUsedAt,
      }, e.log);
    } catch (err) {
      this.forget(e);
      throw storeUnavailable(err);
    }
    this.hooks.journalWrite?.((performance.now() - t0) / 1000);
    return e;
  }

  /**
   * Commit what a request appended to `e`'s log (before its events are published and its
   * reply sent). If the store refuses, the request is not acknowledged: the sandbox is
   * rebuilt from what the store holds — its state before the request — and the caller
   * gets a 503.
   */
  private commit(e: SandboxEntry): void {
    if (e.sandbox.logLength === e.logEntries) return; // nothing logged: a read, nothing to keep
    e.logEntries = e.sandbox.logLength;
    const t0 = performance.now();
    try {
      this.store.commit(e.id, e.log, e.lastUsedAt);
    } catch (err) {
      this.rebuild(e);
      throw storeUnavailable(err);
    }
    this.hooks.journalWrite?.((performance.now() - t0) / 1000);
  }

  /**
   * Put `e` back to the state its committed log describes (after a failed commit), from its
   * latest snapshot if the store can read it here. Its retained events become the
   * rebuild's (on Redis, a write lost after its reply may have published some).
   */
  private rebuild(e: SandboxEntry): void {
    e.log.discardPending();
    e.version++;
    try {
      const r = this.rebuildFrom(e.id, e.options, e.log, () => this.store.snapshotOf(e.id));
      e.sandbox = r.sandbox;
      e.logEntries = e.sandbox.logLength;
      e.channel.resetRetained(r.recent.events());
      e.eventsKnown = true;
      e.snapshotCost = r.snapshotCost ?? Math.min(e.snapshotCost, e.sandbox.replayCost);
    } catch (err) {
      // Not even the store's own log can be read back: stop serving it (the store keeps it).
      this.hooks.warn?.('sandbox dropped from memory: its log could not be read back', { sandbox: e.id, err: String(err) });
      this.forget(e);
    }
  }

  /** 503 before running a changing request while the store cannot be written. */
  private requireWritable(): void {
    const why = this.store.failure();
    if (why !== null) throw storeUnavailable(why);
  }

  /**
   * Start-up: take in every sandbox the store keeps. Expired ones are deleted; the rest
   * wait to be rebuilt — by {@link restoreWaiting} the moment a request needs one, and by
   * {@link restoreAll} or {@link restoreInBackground} otherwise — so the server can serve
   * while a long history replays. Waiting sandboxes count against quotas and capacity as
   * held ones do. Returns how many wait and how many expired.
   */
  load(): { waiting: number; expired: number } {
    const t = this.now();
    let expired = 0;
    for (const kept of this.store.load()) {
      const r = kept.record;
      if (!this.owns(r.id)) continue; // another engine thread's

      if (t >= r.lastUsedAt + this.limits.idleTtlSeconds * 1000) {
        this.deleteKept(r.id);
        expired++;
        continue;
      }
      this.waiting.set(r.id, kept);
      this.counts.take(r.subject);
    }
    return { waiting: this.waiting.size, expired };
  }

  /**
   * Rebuild one waiting sandbox: same id, options, times, log and — by deterministic replay
   * — the same heap and event sequence; its last `eventsRetained` events are retained
   * again for `since=`, as a full replay retains them. It starts from the latest snapshot
   * kept of it when there is one (see rebuildFrom). A log that no longer replays is
   * reported (the sandbox is then unknown here, and its data stays in the store).
   * Undefined if `id` is not waiting.
   */
  private restoreWaiting(id: string, report?: RestoreReport): SandboxEntry | undefined {
    const kept = this.waiting.get(id);
    if (kept === undefined) return undefined;
    this.waiting.delete(id);
    const r = kept.record;
    let rebuilt: Rebuilt;
    try {
      rebuilt = this.rebuildFrom(r.id, r.options, kept.log, () => kept.snapshot());
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.uncount(r.subject);
      report?.failed.push({ id: r.id, reason });
      this.hooks.warn?.('sandbox not restored: its log does not replay', { sandbox: r.id, reason });
      return undefined;
    }
    const e = this.add(r.id, kept.log, rebuilt.sandbox, r.options, r.label, r.owner, r.subject, r.createdAt, r.lastUsedAt);
    e.channel.publish(rebuilt.recent.events());
    e.snapshotCost = rebuilt.snapshotCost ?? 0;
    // Replayed in full (no snapshot yet: a log from before snapshots, or one that could not
    // be used) and due one: taken now, so the next rebuild starts from it even if the
    // sandbox is only read from now on.
    if (rebuilt.snapshotCost === null) this.maybeSnapshot(e);
    if (report) {
      report.restored++;
      if (rebuilt.snapshotCost !== null) report.fromSnapshot++;
      report.entries += e.logEntries;
    }
    return e;
  }

  /**
   * A sandbox rebuilt from what the store keeps: from `snapshot()` (its latest snapshot,
   * read now) and the log after it when there is one — restore time then bounded by the
   * heap and at most a threshold's worth of replay (see snapshotThreshold) — else, or if
   * anything on that path fails (unreadable or foreign bytes, a tail that does not replay
   * on top, a store that cannot read it), by replaying the whole log, with a warning.
   * Either way the retained events are the last eventsRetained a full replay would give:
   * the snapshot's saved ones followed by the tail's. Throws what a full replay throws.
   */
  private rebuildFrom(id: string, options: SandboxOptions, log: JournalLog, snapshot: () => StoredSnapshot | null): Rebuilt {
    const n = this.limits.eventsRetained;
    try {
      const kept = snapshot();
      if (kept !== null) {
        const recent = new RecentEvents(n);
        recent.add(kept.events);
        const sandbox = restoreFromSnapshot(options, kept.snapshot, log, {}, (events) => recent.add(events));
        if (sandbox.logLength !== log.length) throw new Error(`rebuilt ${sandbox.logLength} log entries of ${log.length}`);
        this.hooks.restored?.('snapshot');
        return { sandbox, recent, snapshotCost: kept.snapshot.cost };
      }
    } catch (err) {
      this.hooks.warn?.('snapshot not used: rebuilding the sandbox by replaying its whole log',
        { sandbox: id, reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    }
    const recent = new RecentEvents(n);
    const sandbox = Sandbox.restore(options, log, {}, (events) => recent.add(events));
    this.hooks.restored?.('replay');
    return { sandbox, recent, snapshotCost: null };
  }

  /**
   * When a sandbox is due a snapshot: once replaying the log since the last one costs at
   * least `snapshotEvery` engine steps — which bounds a rebuild's replay to about that
   * much plus one request — and at least SNAPSHOT_OVERHEAD_FACTOR times what taking one
   * costs, in the same unit (steps of replay taking as long), for a heap of `objects`
   * objects. A snapshot's cost grows with the heap while the replay it saves does not, so
   * on a big heap a snapshot every `snapshotEvery` steps could cost more than it saves;
   * the second bound keeps snapshots at most 1/SNAPSHOT_OVERHEAD_FACTOR of the work they
   * follow (amortised), and a rebuild then costs about decoding the heap plus
   * SNAPSHOT_OVERHEAD_FACTOR times that in replay.
   */
  private snapshotThreshold(objects: number): number {
    return Math.max(this.snapshotEvery, SNAPSHOT_OVERHEAD_FACTOR * SNAPSHOT_STEPS_PER_OBJECT * objects);
  }

  /**
   * After a request's commit (and its events' publication): snapshot `e` if it is due,
   * and hand the snapshot to the store. A refusal (the engine cannot represent the state
   * yet) or a failure is counted and tried again only after another threshold's worth; a
   * store's failure never fails the request — the committed journal is what is durable.
   */
  private maybeSnapshot(e: SandboxEntry): void {
    if (this.snapshotEvery === 0 || !e.eventsKnown) return;
    const sb = e.sandbox;
    if (sb.replayCost - e.snapshotCost < this.snapshotThreshold(sb.objectCount)) return;
    e.snapshotCost = sb.replayCost;
    if (sb.objectCount > this.maxSnapshotObjects) {
      this.hooks.snapshot?.('skipped');
      return;
    }
    const t0 = performance.now();
    let taken: ReturnType<typeof takeSnapshot>;
    try {
      taken = takeSnapshot(sb);
    } catch (err) {
      this.snapshotFailed(e.id, err);
      return;
    }
    if ('refused' in taken) {
      this.hooks.snapshot?.('refused');
      return;
    }
    const snap = taken.snapshot;
    const t1 = performance.now();
    if (snap.atEntry !== e.log.length) {
      this.snapshotFailed(e.id, new Error(`the snapshot stands for ${snap.atEntry} log entries; the log holds ${e.log.length}`));
      return;
    }
    const written = () => this.hooks.snapshot?.('written', {
      bytes: snap.data.byteLength, takeSeconds: (t1 - t0) / 1000, writeSeconds: (performance.now() - t1) / 1000,
    });
    let pending: void | Promise<void>;
    try {
      pending = this.store.saveSnapshot(e.id, e.log, snap, e.channel.retainedEvents(), this.now());
    } catch (err) {
      this.snapshotFailed(e.id, err);
      return;
    }
    if (pending instanceof Promise) pending.then(written, (err: unknown) => this.snapshotFailed(e.id, err));
    else written();
  }

  private snapshotFailed(id: string, err: unknown): void {
    this.hooks.snapshot?.('failed');
    this.hooks.warn?.('snapshot not kept (the journal still holds everything)', { sandbox: id, err: String(err) });
  }

  /** Rebuild every waiting sandbox now. */
  restoreAll(): RestoreReport {
    const t0 = performance.now();
    const report: RestoreReport = { restored: 0, fromSnapshot: 0, expired: 0, failed: [], entries: 0, ms: 0 };
    for (const id of [...this.waiting.keys()]) this.restoreWaiting(id, report);
    report.ms = performance.now() - t0;
    return report;
  }

  /**
   * Rebuild the waiting sandboxes one at a time, yielding to the event loop between them
   * (requests are served meanwhile; one sandbox's replay still runs in one piece). `done`
   * gets the report; {@link close} stops the pass.
   */
  restoreInBackground(done: (report: RestoreReport) => void): void {
    const t0 = performance.now();
    const report: RestoreReport = { restored: 0, fromSnapshot: 0, expired: 0, failed: [], entries: 0, ms: 0 };
    const step = () => {
      this.restorer = null;
      const next = this.waiting.keys().next();
      if (next.done) {
        report.ms = performance.now() - t0;
        done(report);
        return;
      }
      this.restoreWaiting(next.value, report);
      this.restorer = setImmediate(step);
    };
    this.restorer = setImmediate(step);
  }

  /** The sandbox `id` if held, rebuilding it first if it is waiting. */
  private held(id: string): SandboxEntry | undefined {
    return this.entries.get(id) ?? this.restoreWaiting(id);
  }

  /** Delete a kept sandbox's data; a failure is reported, not thrown (it expires again next start). */
  private deleteKept(id: string): void {
    try {
      this.store.delete(id);
    } catch (err) {
      this.hooks.warn?.('could not delete an expired sandbox from the store', { sandbox: id, err: String(err) });
    }
  }

  /** Look a sandbox up by id and mark it used; undefined if unknown or expired. */
  get(id: string): SandboxEntry | undefined {
    const e = this.held(id);
    if (e === undefined) return undefined;
    const t = this.now();
    if (this.expired(e, t)) {
      this.remove(e, 'sandbox expired');
      return undefined;
    }
    e.lastUsedAt = t;
    this.store.touch(id, t);
    return e;
  }

  /**
   * Like {@link get}, but a 404 problem when missing — or when it belongs to another API key
   * than `owner` (the caller's key index, null without keys): not revealing that it exists.
   */
  require(id: string, owner: number | null = null): SandboxEntry {
    const e = this.held(id)?.owner === owner ? this.get(id) : undefined;
    if (e === undefined) throw new ProblemError(404, ProblemType.notFound, 'Not Found', 'No such sandbox (it may have expired).');
    return e;
  }

  /** Delete a sandbox `owner` (a key index, null without keys) may see; false if none. */
  delete(id: string, owner: number | null = null): boolean {
    const e = this.held(id);
    if (e === undefined || e.owner !== owner) return false;
    try {
      this.store.delete(id);
    } catch (err) {
      throw storeUnavailable(err);
    }
    this.forget(e, 'sandbox deleted');
    return true;
  }

  /** Sandboxes created with API key `owner`. */
  listOwnedBy(owner: number): SandboxEntry[] {
    for (const [id, { record }] of [...this.waiting]) if (record.owner === owner) this.restoreWaiting(id);
    const t = this.now();
    const out: SandboxEntry[] = [];
    for (const e of this.entries.values()) if (e.owner === owner && !this.expired(e, t)) out.push(e);
    return out;
  }

  /** Record events a request produced and push them to subscribers. */
  publish(e: SandboxEntry, events: readonly Event[]): void {
    this.store.published?.(e.id, events);
    e.channel.publish(events);
  }

  /**
   * Apply ops (within the log limit), publish their events, count what was logged. An
   * atomic batch's trial copy is bounded like a fork (422 when it would cost too much).
   */
  apply(e: SandboxEntry, ops: Op[], atomic: boolean): ApplyResult {
    const logged = ops.filter(isLogged).length;
    this.reserveLog(e, logged);
    if (logged > 0) this.requireWritable();
    e.version++;
    const before = this.progress(e);
    let r: ApplyResult;
    try {
      r = atomic && logged > 0
        ? this.replaying(e, 'atomic', (replay) => e.sandbox.apply(ops, { atomic, interrupt: replay.interrupt, replay }))
        : e.sandbox.apply(ops, { atomic, interrupt: this.deadline() });
    } finally {
      this.commit(e);
    }
    this.ran(e, before);
    this.publish(e, r.events);
    this.maybeSnapshot(e);
    return r;
  }

  /**
   * Run Python source (logged as one exec op) and publish its events. The program runs in
   * slices of `sliceInstructions` instructions and yields the thread between them, so a
   * long program holds no other request longer than a slice; its time budget counts only
   * its own slices (see programClock).
   */
  async exec(e: SandboxEntry, code: string, trace?: { maxSteps?: number }): Promise<ExecResult> {
    this.reserveLog(e, 1);
    this.requireWritable();
    e.version++;
    const before = this.progress(e);
    let r: ExecResult;
    try {
      // A traced run records steps as it goes and runs in one piece, within the deadline.
      r = trace ? e.sandbox.exec(code, { interrupt: this.deadline(), trace }) : await this.runSliced(e, code);
    } finally {
      // After the last slice, before the reply: the exec is journaled whatever it did.
      this.commit(e);
    }
    this.ran(e, before);
    this.publish(e, r.events);
    this.maybeSnapshot(e);
    return r;
  }

  /**
   * Run a program in `e` in slices of `sliceInstructions` instructions, yielding the thread
   * between them; `e.busy` holds other requests for `e` off until it ends.
   */
  private async runSliced(e: SandboxEntry, code: string): Promise<ExecResult> {
    const clock = programClock(this.limits.maxRequestMs);
    clock.resume();
    const run = e.sandbox.startExec(code, { interrupt: clock.interrupt });
    clock.pause();
    if (!run.result) {
      let release!: () => void;
      e.busy = new Promise((resolve) => (release = resolve));
      try {
        for (;;) {
          clock.resume();
          const done = run.advance(this.limits.sliceInstructions);
          clock.pause();
          if (done) break;
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        e.busy = null;
        release();
      }
    }
    return run.result!;
  }

  /** Where a sandbox's work stands (for {@link ran}): replay cost, log length, the clock. */
  private progress(e: SandboxEntry): { cost: number; entries: number; t: number } {
    return { cost: e.sandbox.replayCost, entries: e.sandbox.logLength, t: performance.now() };
  }

  /** Report the engine steps a request ran: its replay cost less one per entry it logged. */
  private ran(e: SandboxEntry, before: { cost: number; entries: number; t: number }): void {
    const steps = e.sandbox.replayCost - before.cost - (e.sandbox.logLength - before.entries);
    this.hooks.ran?.(Math.max(0, steps), (performance.now() - before.t) / 1000);
  }

  /**
   * The wall-clock guard for one synchronous request (ops, replays): the engine holds the
   * thread until it returns, so past maxRequestMs it is stopped.
   */
  private deadline(): () => boolean {
    const end = performance.now() + this.limits.maxRequestMs;
    return () => performance.now() > end;
  }

  expiresAt(e: Pick<SandboxEntry, 'lastUsedAt'>): number {
    return e.lastUsedAt + this.limits.idleTtlSeconds * 1000;
  }

  private expired(e: SandboxEntry, t: number): boolean {
    return t >= this.expiresAt(e);
  }

  /** An expired sandbox: gone from memory and from the store. */
  private remove(e: SandboxEntry, reason: string): void {
    this.deleteKept(e.id);
    this.forget(e, reason);
  }

  /** Stop holding `e` in memory (the store is not touched). */
  private forget(e: SandboxEntry, reason = 'sandbox unavailable', code: number = CloseCode.SandboxGone): void {
    this.entries.delete(e.id);
    this.uncount(e.subject);
    e.channel.closeAll(code, reason);
  }

  // ---------------------------------------------------------------- cluster (src/cluster/)

  /** Whether `id` is in this process, rebuilt or waiting to be. */
  holds(id: string): boolean {
    return this.entries.has(id) || this.waiting.has(id);
  }

  /**
   * Take in a sandbox another node kept (a takeover): it waits to be rebuilt like one
   * loaded at start-up. False (and its data deleted) if it has expired.
   */
  adopt(kept: StoredSandbox): boolean {
    const r = kept.record;
    if (this.holds(r.id)) return true;
    if (this.now() >= this.expiresAt(r)) {
      this.deleteKept(r.id);
      return false;
    }
    this.waiting.set(r.id, kept);
    this.counts.take(r.subject);
    return true;
  }

  /**
   * Put `id` back to the state its committed log describes (a write the store took was
   * lost after all). Its subscribers may have seen events of the undone change: they are
   * told to reconnect.
   */
  rollBack(id: string): void {
    const e = this.entries.get(id);
    if (e === undefined) return;
    e.channel.closeAll(CloseCode.Moved, 'a change was undone (store unreachable); reconnect with since=<last seq>');
    this.rebuild(e);
  }

  /**
   * Stop holding `id` here, leaving the store as it is: another node holds it now, or a
   * write of it was refused or lost (the next request rebuilds it from the store). Its
   * subscribers here are told to reconnect.
   */
  release(id: string, reason: string): void {
    const e = this.entries.get(id);
    if (e !== undefined) this.forget(e, reason, CloseCode.Moved);
    const w = this.waiting.get(id);
    if (w !== undefined) {
      this.waiting.delete(id);
      this.uncount(w.record.subject);
    }
  }

  /** One sandbox fewer charged to `subject`. */
  private uncount(subject: string): void {
    this.counts.give(subject);
  }

  /** Reclaim every expired sandbox, waiting ones included; returns how many. */
  sweep(): number {
    const t = this.now();
    let n = 0;
    for (const [id, { record }] of [...this.waiting]) {
      if (t >= this.expiresAt(record)) {
        this.waiting.delete(id);
        this.uncount(record.subject);
        this.deleteKept(id);
        n++;
      }
    }
    for (const e of this.entries.values()) {
      if (this.expired(e, t)) {
        this.remove(e, 'sandbox expired');
        n++;
      }
    }
    return n;
  }

  /** Sweep periodically (a quarter of the TTL, at most every 30 s). */
  startSweeping(): void {
    if (this.sweeper) return;
    const every = Math.max(1000, Math.min(30_000, (this.limits.idleTtlSeconds * 1000) / 4));
    this.sweeper = setInterval(() => this.sweep(), every);
    this.sweeper.unref();
  }

  /** Stop sweeping, close every subscriber and write what the store deferred (server shutdown). */
  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    if (this.restorer) clearImmediate(this.restorer);
    this.restorer = null;
    for (const e of this.entries.values()) e.channel.closeAll(CloseCode.GoingAway, 'server shutting down');
    this.store.flush();
  }
}

/**
 * A fork at step `n` made, or its refusal as a 404 (no traced run, no step n) or a 422
 * (step n is not a line), each naming body.atStep.
 */
function stepForked(r: Sandbox | StepForkRefusal, n: number): Sandbox {
  if (!('refused' in r)) return r;
  const field = 'body.atStep';
  const problem = (status: 404 | 422, message: string) => new ProblemError(status,
    status === 404 ? ProblemType.notFound : ProblemType.invalid, status === 404 ? 'Not Found' : 'Unprocessable Content',
    `${field}: ${message}`, { errors: [{ field, message }] });
  if (r.refused === 'no-trace') throw problem(404, 'this sandbox has no traced exec to fork from (run one with "trace": true first)');
  if (r.refused === 'no-step') throw problem(404, `the last traced exec has no step ${n}; it recorded ${r.steps} (0 to ${r.steps - 1})`);
  throw problem(422, `step ${n} is a '${r.event}' event; a fork starts at a 'line' step (the line about to run)`);
}

/** The store refused a write: 503, nothing acknowledged. */
export function storeUnavailable(err: unknown): ProblemError {
  const why = err instanceof Error ? err.message : String(err);
  return new ProblemError(503, ProblemType.unavailable, 'Store Unavailable',
    `This server cannot save changes right now (${why}), so it made none; reading what exists still works. Try again later.`,
    { retryAfterSeconds: 5 });
}

/** What {@link SandboxRegistry.rebuildFrom} rebuilt; snapshotCost is the used snapshot's replay cost, null if none was used. */
interface Rebuilt {
  sandbox: Sandbox;
  recent: RecentEvents;
  snapshotCost: number | null;
}

/**
 * What taking a snapshot costs per heap object, measured (`npm run bench -- durable`, the
 * 2-core test machine, two runs): 9-11 steps' worth of replay time per object for a heap
 * of 50,000 instances with their dicts, 18-19 for one of 100,000 one-item lists (4.0-4.3
 * µs per object); the larger, rounded up.
 */
const SNAPSHOT_STEPS_PER_OBJECT = 20;
/** Snapshots cost at most 1/this of the replay work between them (see snapshotThreshold). */
const SNAPSHOT_OVERHEAD_FACTOR = 10;
/** Microseconds a snapshot takes per heap object (the same measurement, rounded up; see maxSnapshotObjects). */
const SNAPSHOT_MICROS_PER_OBJECT = 5;

/**
 * The last `max` events of a replay (a snapshot's saved ones first, if it started from
 * one), for a rebuilt sandbox's `since=` history. Invariant: holds at most 2 × max events
 * between trims, the newest last.
 */
class RecentEvents {
  private buf: Event[] = [];

  constructor(private readonly max: number) {}

  add(events: readonly Event[]): void {
    if (this.max === 0) return;
    for (const e of events) this.buf.push(e);
    if (this.buf.length > 2 * this.max) this.buf = this.buf.slice(-this.max);
  }

  events(): Event[] {
    return this.buf.slice(-this.max);
  }
}
