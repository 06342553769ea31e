/**
 * The sandbox registry: which sandboxes exist, who may list them, when they expire.
 *
 * A sandbox id is 128 random bits (base64url) and is the sandbox's capability: whoever
 * holds it may drive the sandbox. The registry never hands out an id except to the
 * request that created the sandbox (and, with API keys, to listings by the same key).
 */
import { randomBytes } from 'node:crypto';
import { getHeapStatistics } from 'node:v8';
import type { Event } from '../sandbox/events.js';
import type { Op, SandboxOptions } from '../sandbox/ops.js';
import type { Limits } from './config.js';
import { Sandbox, type ApplyResult, type ExecResult, type LogEntry } from './engine.js';
import { Channel, CloseCode } from './fanout.js';
import { ProblemError, ProblemType } from './problem.js';

export interface SandboxEntry {
  readonly id: string;
  readonly sandbox: Sandbox;
  readonly label: string | null;
  /** Which API key created it (index into the configured keys), or null without keys. */
  readonly owner: number | null;
  readonly options: SandboxOptions;
  readonly createdAt: number;
  lastUsedAt: number;
  /** Entries in the sandbox's op log (bounded by maxLogEntries). */
  logEntries: number;
  readonly channel: Channel;
}

export interface CreateParams {
  options: SandboxOptions;
  label?: string | null;
  owner?: number | null;
  replay?: LogEntry[];
}

/** 128 random bits, URL-safe: `crypto.randomBytes(16).toString('base64url')` (22 chars). */
export function newSandboxId(): string {
  return randomBytes(16).toString('base64url');
}

export const SANDBOX_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export class SandboxRegistry {
  private readonly entries = new Map<string, SandboxEntry>();
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

  /** Create a sandbox (fresh, or rebuilt from a log). Throws 429 at capacity. */
  create(p: CreateParams): SandboxEntry {
    this.reserve();
    if (p.replay && p.replay.length > this.limits.maxLogEntries) throw this.logFull(p.replay.length, 0);
    const options = this.effectiveOptions(p.options);
    const sandbox = p.replay ? Sandbox.replay({ version: 1, options, entries: p.replay }) : new Sandbox(options);
    return this.add(sandbox, options, p.label ?? null, p.owner ?? null, p.replay?.length ?? 0);
  }

  /** An independent copy of `src`, with a new id. */
  fork(src: SandboxEntry, owner: number | null): SandboxEntry {
    this.reserve();
    return this.add(src.sandbox.fork(), src.options, src.label, owner, src.logEntries);
  }

  /** Throw a 422 unless `n` more ops fit in the sandbox's log. */
  reserveLog(e: SandboxEntry, n: number): void {
    if (e.logEntries + n > this.limits.maxLogEntries) throw this.logFull(n, e.logEntries);
  }

  private logFull(n: number, have: number): ProblemError {
    return new ProblemError(422, ProblemType.limit, 'Sandbox Log Full',
      `This sandbox has logged ${have} ops; ${n} more would pass the ${this.limits.maxLogEntries}-op limit (maxLogEntries). ` +
      'Start a new sandbox (or fork this one after compacting your work).', { limit: 'maxLogEntries' });
  }

  private reserve(): void {
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

  private add(sandbox: Sandbox, options: SandboxOptions, label: string | null, owner: number | null, logEntries: number): SandboxEntry {
    let id = newSandboxId();
    while (this.entries.has(id)) id = newSandboxId();
    const t = this.now();
    const entry: SandboxEntry = {
      id, sandbox, label, owner, options, createdAt: t, lastUsedAt: t, logEntries,
      channel: new Channel(this.limits.eventsRetained),
    };
    this.entries.set(id, entry);
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

  /** Like {@link get}, but a 404 problem when missing. */
  require(id: string): SandboxEntry {
    const e = this.get(id);
    if (e === undefined) throw new ProblemError(404, ProblemType.notFound, 'Not Found', 'No such sandbox (it may have expired).');
    return e;
  }

  delete(id: string): boolean {
    const e = this.entries.get(id);
    if (e === undefined) return false;
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

  /** Apply ops (within the log limit), publish their events, count what was logged. */
  apply(e: SandboxEntry, ops: Op[], atomic: boolean): ApplyResult {
    this.reserveLog(e, ops.length);
    const r = e.sandbox.apply(ops, { atomic, interrupt: this.deadline() });
    // The engine logs every applied op, including the one that raised; an atomic failure logs nothing.
    e.logEntries += r.error === null ? ops.length : atomic ? 0 : r.error.index + 1;
    this.publish(e, r.events);
    return r;
  }

  /** Run Python source (logged as one exec op) and publish its events. */
  exec(e: SandboxEntry, code: string): ExecResult {
    this.reserveLog(e, 1);
    const r = e.sandbox.exec(code, { interrupt: this.deadline() });
    e.logEntries += 1;
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
