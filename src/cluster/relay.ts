/**
 * Events of sandboxes held by other nodes, relayed from Redis to this node's WebSocket
 * subscribers.
 *
 * The holder writes each sandbox's messages to a stream (`heaplab:ev:{id}`, entry id
 * `<seq>-1`, in the same script call that journals the request: see src/store/redis.ts).
 * One connection of this node reads every stream it relays with one blocking XREAD, from
 * each sandbox's cursor: the seq of the last message it delivered. A subscriber joining
 * with `since=N` starts its own cursor at N, so it first gets what the stream retains
 * after N and then the live messages, in seq order, whichever node holds the sandbox now
 * or later (a takeover changes the writer, not the stream). A stream's `gone` entry (the
 * sandbox deleted or expired) closes its subscribers with 4410.
 *
 * Invariant: each subscriber is delivered each message at most once and in seq order —
 * subscribers of one sandbox that joined at different cursors are read as separate groups
 * until their cursors meet.
 */
import type { Redis } from 'ioredis';
import { CloseCode, pump, type Subscriber } from '../fanout.js';
import { keys } from '../store/redis.js';

/** Subscribers of one sandbox that have been delivered everything up to `cursor`. */
interface Group {
  id: string;
  /** Stream id of the last entry delivered (`<seq>-1`), or `0-0`. */
  cursor: string;
  subs: Set<Subscriber>;
}

/** How long one XREAD blocks (a new group interrupts it sooner, with CLIENT UNBLOCK). */
const BLOCK_MS = 5_000;
/** Messages read per stream per XREAD. */
const COUNT = 256;
/** How often relayed sandboxes are checked to still exist (a sandbox Redis expired writes no `gone`). */
const EXISTS_EVERY_MS = 10_000;

export class Relay {
  private readonly groups = new Set<Group>();
  private readonly reader: Redis;
  private readerId: number | null = null;
  private running = false;
  private stopped = false;
  private lastExistsCheck = Date.now();

  constructor(private readonly redis: Redis) {
    // The blocking reader has its own connection: a blocked XREAD holds it.
    this.reader = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.reader.on('error', () => {}); // reconnects by itself; the loop retries
    // A reconnected reader is another client: CLIENT UNBLOCK needs its new id.
    this.reader.on('ready', () => {
      this.reader.client('ID').then((n) => (this.readerId = Number(n)), () => {});
    });
  }

  /** Relayed subscribers on this node. */
  get size(): number {
    let n = 0;
    for (const g of this.groups) n += g.subs.size;
    return n;
  }

  /** Subscribers of `id` on this node. */
  count(id: string): number {
    let n = 0;
    for (const g of this.groups) if (g.id === id) n += g.subs.size;
    return n;
  }

  /**
   * Relay `id`'s messages after `since` (null: from now on) to `sub`. Returns the
   * unsubscribe function.
   */
  async subscribe(id: string, sub: Subscriber, since: number | null): Promise<() => void> {
    let cursor: string;
    if (since !== null) cursor = `${since}-1`;
    else {
      const last = await this.redis.xrevrange(keys.events(id), '+', '-', 'COUNT', 1);
      cursor = last[0]?.[0] ?? '0-0';
    }
    const g: Group = { id, cursor, subs: new Set([sub]) };
    this.groups.add(g);
    sub.detach = () => this.drop(g, sub);
    this.wake();
    return () => this.drop(g, sub);
  }

  private drop(g: Group, sub: Subscriber): void {
    g.subs.delete(sub);
    if (g.subs.size === 0) this.groups.delete(g);
  }

  /** Start the loop, or interrupt its blocking read so it reads the new groups too. */
  private wake(): void {
    if (!this.running) {
      void this.loop();
      return;
    }
    if (this.readerId !== null) this.redis.client('UNBLOCK', this.readerId).catch(() => {});
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      while (!this.stopped && this.groups.size > 0) {
        const groups = [...this.groups];
        const streams = groups.map((g) => keys.events(g.id));
        const cursors = groups.map((g) => g.cursor);
        let got: [string, [string, string[]][]][] | null;
        try {
          got = (await this.reader.xread('COUNT', COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', ...streams, ...cursors)) as typeof got;
        } catch {
          await new Promise((r) => setTimeout(r, 500));
          continue;
        }
        for (const [k, g] of groups.entries()) {
          const entries = got?.find(([key]) => key === streams[k])?.[1];
          if (entries) this.deliver(g, entries);
        }
        await this.dropVanished();
      }
    } finally {
      this.running = false;
    }
    if (!this.stopped && this.groups.size > 0) void this.loop();
  }

  /** Hand a group the entries read after its cursor; a `gone` entry closes it. */
  private deliver(g: Group, entries: [string, string[]][]): void {
    for (const [entryId, fields] of entries) {
      g.cursor = entryId;
      if (fields[0] === 'gone') {
        this.close(g, CloseCode.SandboxGone, 'sandbox gone');
        return;
      }
      const data = Buffer.from(fields[1] ?? '', 'utf8');
      const type = (JSON.parse(fields[1] ?? '{}') as { type?: string }).type ?? '';
      for (const s of g.subs) if (s.wants(type)) s.deliver(data);
    }
    for (const s of g.subs) pump.add(s);
    pump.kick();
  }

  private close(g: Group, code: number, reason: string): void {
    this.groups.delete(g);
    for (const s of [...g.subs]) s.close(code, reason);
  }

  /** Close the groups of sandboxes Redis no longer keeps (expired with nobody holding them). */
  private async dropVanished(): Promise<void> {
    if (Date.now() - this.lastExistsCheck < EXISTS_EVERY_MS) return;
    this.lastExistsCheck = Date.now();
    for (const g of [...this.groups]) {
      if (await this.redis.exists(keys.record(g.id)).catch(() => 1) === 0) this.close(g, CloseCode.SandboxGone, 'sandbox gone');
    }
  }

  /** Close every relayed subscriber and the reader (server shutdown). */
  stop(): void {
    this.stopped = true;
    for (const g of [...this.groups]) this.close(g, CloseCode.GoingAway, 'server shutting down');
    this.reader.disconnect();
  }
}
