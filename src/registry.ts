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
 */
import { randomBytes } from 'node:crypto';
import { getHeapStatistics } from 'node:v8';
import type { Event } from '../sandbox/events.js';
import type { Op, SandboxOptions } from '../sandbox/ops.js';
import type { Limits } from './config.js';
import {
  Sandbox, ReplayLimitError, isLogged, type ApplyResult, type ExecResult, type LogEntry, type ReplayBudget,
} from './engine.js';
import { Channel, CloseCode } from './fanout.js';
import { ProblemError, ProblemType } from './problem.js';

export interface SandboxEntry {
  readonly id: string;
  readonly sandbox: Sandbox;
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
  readonly channel: Channel;
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

export class SandboxRegistry {
  private readonly entries = new Map<string, SandboxEntry>();
  /** Sandboxes alive per quota subject (absent: none). */
  private readonly perSubject = new Map<string, number>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly limits: Limits,
    /** Milliseconds since the epoch; injectable so tests can move time. */
    readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
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
    this.reserve(subject);
    if (p.replay && p.replay.length > this.limits.maxLogEntries) throw this.logFull(p.replay.length, 0);
    const options = this.effectiveOptions(p.options);
    let sandbox: Sandbox;
    try {
      sandbox = p.replay ? Sandbox.replay({ version: 1, options, entries: p.replay }, this.replayBudget(this.deadline())) : new Sandbox(options);
    } catch (err) {
      throw err instanceof ReplayLimitError ? this.replayLimitProblem(err, 'replay') : err;
    }
    return this.add(sandbox, options, p.label ?? null, p.owner ?? null, subject);
  }

  /**
   * An independent copy of `src`, with a new id. The copy is `src`'s log replayed, so it
   * is refused (422) when that replay costs more than one request may spend.
   */
  fork(src: SandboxEntry, owner: number | null, subject?: string): SandboxEntry {
    const who = subjectOf(owner, subject);
    this.reserve(who);
    const copy = this.replaying(src, 'fork', (budget) => src.sandbox.fork(budget));
    return this.add(copy, src.options, src.label, owner, who);
  }

  /** Sandboxes alive now charged to `subject`. */
  countFor(subject: string): number {
    return this.perSubject.get(subject) ?? 0;
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

  private reserve(subject: string): void {
    if (this.countFor(subject) >= this.limits.maxSandboxesPerKey) {
      throw new ProblemError(429, ProblemType.limit, 'Too Many Sandboxes For This Key',
        `You hold ${this.countFor(subject)} sandboxes, the most one API key (or, without keys, one address) may hold ` +
        `at once (maxSandboxesPerKey = ${this.limits.maxSandboxesPerKey}); delete one or wait for an idle one to expire.`,
        { limit: 'maxSandboxesPerKey', retryAfterSeconds: this.secondsUntilOneExpires(subject) });
    }
    if (this.entries.size >= this.limits.maxSandboxes) {
      throw new ProblemError(429, ProblemType.limit, 'Too Many Sandboxes',
        `This server holds at most ${this.limits.maxSandboxes} sandboxes; delete one or wait for idle ones to expire.`,
        { limit: 'maxSandboxes' });
    }
    // Per-sandbox limits bound each sandbox; this bounds them all together.
    if (getHeapStatistics().used_heap_size > this.limits.maxHeapMiB * 2 ** 20) {
      throw new ProblemError(429, ProblemType.limit, 'Server Memory Full',
        'This server is at its memory limit; delete sandboxes you no longer need or try again later.',
        { limit: 'maxHeapMiB' });
    }
  }

  /** Seconds until the first of `subject`'s sandboxes expires if left idle (at least 1). */
  private secondsUntilOneExpires(subject: string): number {
    let first = Infinity;
    for (const e of this.entries.values()) if (e.subject === subject) first = Math.min(first, this.expiresAt(e));
    return Math.max(1, Math.ceil((first - this.now()) / 1000));
  }

  private add(sandbox: Sandbox, options: SandboxOptions, label: string | null, owner: number | null, subject: string): SandboxEntry {
    const logEntries = sandbox.logLength;
    let id = newSandboxId();
    while (this.entries.has(id)) id = newSandboxId();
    const t = this.now();
    const entry: SandboxEntry = {
      id, sandbox, label, owner, subject, options, createdAt: t, lastUsedAt: t, logEntries, version: 0, slowReplayCost: null,
      channel: new Channel(this.limits.eventsRetained),
    };
    this.entries.set(id, entry);
    this.perSubject.set(subject, this.countFor(subject) + 1);
    return entry;
  }

  /** Look a sandbox up by id and mark it used; undefined if unknown or expired. */
  get(id: string): SandboxEntry | undefined {
    const e = this.entries.get(id);
    if (e === undefined) return undefined;
    const t = this.now();
    if (this.expired(e, t)) {
      this.remove(e, 'sandbox expired');
      return undefined;
    }
    e.lastUsedAt = t;
    return e;
  }

  /**
   * Like {@link get}, but a 404 problem when missing — or when it belongs to another API key
   * than `owner` (the caller's key index, null without keys): not revealing that it exists.
   */
  require(id: string, owner: number | null = null): SandboxEntry {
    const e = this.entries.get(id)?.owner === owner ? this.get(id) : undefined;
    if (e === undefined) throw new ProblemError(404, ProblemType.notFound, 'Not Found', 'No such sandbox (it may have expired).');
    return e;
  }

  /** Delete a sandbox `owner` (a key index, null without keys) may see; false if none. */
  delete(id: string, owner: number | null = null): boolean {
    const e = this.entries.get(id);
    if (e === undefined || e.owner !== owner) return false;
    this.remove(e, 'sandbox deleted');
    return true;
  }

  /** Sandboxes created with API key `owner`. */
  listOwnedBy(owner: number): SandboxEntry[] {
    const t = this.now();
    const out: SandboxEntry[] = [];
    for (const e of this.entries.values()) if (e.owner === owner && !this.expired(e, t)) out.push(e);
    return out;
  }

  /** Record events a request produced and push them to subscribers. */
  publish(e: SandboxEntry, events: readonly Event[]): void {
    e.channel.publish(events);
  }

  /**
   * Apply ops (within the log limit), publish their events, count what was logged. An
   * atomic batch's trial copy is bounded like a fork (422 when it would cost too much).
   */
  apply(e: SandboxEntry, ops: Op[], atomic: boolean): ApplyResult {
    this.reserveLog(e, ops.filter(isLogged).length);
    e.version++;
    const r = atomic && ops.some(isLogged)
      ? this.replaying(e, 'atomic', (replay) => e.sandbox.apply(ops, { atomic, interrupt: replay.interrupt, replay }))
      : e.sandbox.apply(ops, { atomic, interrupt: this.deadline() });
    e.logEntries = e.sandbox.logLength;
    this.publish(e, r.events);
    return r;
  }

  /** Run Python source (logged as one exec op) and publish its events. */
  exec(e: SandboxEntry, code: string, trace?: { maxSteps?: number }): ExecResult {
    this.reserveLog(e, 1);
    e.version++;
    const r = e.sandbox.exec(code, { interrupt: this.deadline(), trace });
    e.logEntries = e.sandbox.logLength;
    this.publish(e, r.events);
    return r;
  }

  /**
   * The wall-clock guard for one request: the engine is synchronous, so a long program
   * holds up every other request until it ends; past maxRequestMs it is stopped.
   */
  private deadline(): () => boolean {
    const end = performance.now() + this.limits.maxRequestMs;
    return () => performance.now() > end;
  }

  expiresAt(e: SandboxEntry): number {
    return e.lastUsedAt + this.limits.idleTtlSeconds * 1000;
  }

  private expired(e: SandboxEntry, t: number): boolean {
    return t >= this.expiresAt(e);
  }

  private remove(e: SandboxEntry, reason: string): void {
    this.entries.delete(e.id);
    const left = this.countFor(e.subject) - 1;
    if (left > 0) this.perSubject.set(e.subject, left);
    else this.perSubject.delete(e.subject);
    e.channel.closeAll(CloseCode.SandboxGone, reason);
  }

  /** Reclaim every expired sandbox; returns how many. */
  sweep(): number {
    const t = this.now();
    let n = 0;
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

  /** Stop sweeping and close every subscriber (server shutdown). */
  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    for (const e of this.entries.values()) e.channel.closeAll(CloseCode.GoingAway, 'server shutting down');
  }
}
