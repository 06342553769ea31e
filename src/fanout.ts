/**
 * Event fan-out: a bounded per-sandbox history for `?since=` replay, and live delivery to
 * WebSocket subscribers that can never make the server's memory grow without bound.
 *
 * Each message is serialised and UTF-8 encoded once, and the same bytes go to every
 * subscriber (ws frames an unmasked server message without copying it), so a thousand
 * subscribers cost a thousand socket writes, not a thousand encodings of a 6 MB string.
 * A run of consecutive `stdout` (or `stderr`) events from one request is coalesced into
 * one message: `text` is the run's text, `seq` its last event's, `firstSeq` its first's.
 * A subscriber whose socket has more than `maxBufferedBytes` queued (it reads slower than
 * the sandbox produces) is closed with {@link CloseCode.SlowConsumer}; it can reconnect
 * with `?since=`. Subscribers are capped per sandbox and per process.
 */
import type { Event, EventType } from '../sandbox/events.js';

/** WebSocket close codes heaplab uses (4000-4999 are application codes; these mirror HTTP). */
export const CloseCode = {
  /** The server is shutting down. */
  GoingAway: 1001,
  /** The sandbox was deleted or expired (idle TTL). */
  SandboxGone: 4410,
  /** The subscriber fell more than the buffer cap behind; reconnect with `?since=<last seq>`. */
  SlowConsumer: 4429,
  /** Too many subscribers (per sandbox or per process) at the moment of the upgrade: try later. */
  TryAgainLater: 1013,
} as const;

/** What the fan-out needs from a socket (the `ws` WebSocket satisfies it). */
export interface SocketLike {
  readonly bufferedAmount: number;
  readonly readyState: number;
  /** `binary: false`: a text frame even though `data` is already UTF-8 bytes. */
  send(data: Buffer, options: { binary: false }): void;
  close(code?: number, reason?: string): void;
}
const OPEN = 1;
const TEXT = { binary: false } as const;

/** One WebSocket message: an event (or a coalesced run of output events), encoded once. */
export interface Message {
  seq: number;
  type: EventType;
  data: Buffer;
}
type Retained = Message;

const isOutput = (e: Event): e is Extract<Event, { type: 'stdout' | 'stderr' }> => e.type === 'stdout' || e.type === 'stderr';

/**
 * The messages for a batch of events, in order: each event alone, except that a run of
 * consecutive events of one output stream becomes one message carrying the whole run's text.
 * Invariant: every event's seq is covered by exactly one message (`firstSeq`..`seq`).
 */
export function toMessages(events: readonly Event[]): Message[] {
  const out: Message[] = [];
  for (let i = 0; i < events.length;) {
    const e = events[i]!;
    let j = i + 1;
    if (isOutput(e)) while (j < events.length && events[j]!.type === e.type) j++;
    let body: object = e;
    if (j - i > 1) {
      const run = events.slice(i, j) as { text: string }[];
      body = { seq: events[j - 1]!.seq, type: e.type, text: run.map((r) => r.text).join(''), firstSeq: e.seq };
    }
    out.push({ seq: events[j - 1]!.seq, type: e.type, data: Buffer.from(JSON.stringify(body), 'utf8') });
    i = j;
  }
  return out;
}

/** A fixed-capacity ring of the most recent events. */
export class EventRing {
  private buf: (Retained | undefined)[];
  private start = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.buf = new Array(capacity);
  }

  push(r: Retained): void {
    if (this.capacity === 0) return;
    const i = (this.start + this.size) % this.capacity;
    this.buf[i] = r;
    if (this.size < this.capacity) this.size++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Retained events with seq > `since`, oldest first. */
  *after(since: number): Iterable<Retained> {
    for (let k = 0; k < this.size; k++) {
      const r = this.buf[(this.start + k) % this.capacity]!;
      if (r.seq > since) yield r;
    }
  }

  get length(): number {
    return this.size;
  }

  /** Seq of the oldest retained event (0 when empty). */
  get oldestSeq(): number {
    return this.size === 0 ? 0 : this.buf[this.start]!.seq;
  }
}

export class Subscriber {
  closed = false;
  constructor(
    readonly socket: SocketLike,
    /** null: every type. */
    readonly types: ReadonlySet<string> | null,
    readonly maxBufferedBytes: number,
  ) {}

  wants(type: string): boolean {
    return this.types === null || this.types.has(type);
  }

  /** Send one encoded message; false (and the socket closed) if the subscriber fell behind. */
  deliver(data: Buffer): boolean {
    if (this.closed) return false;
    if (this.socket.readyState !== OPEN) {
      this.closed = true;
      return false;
    }
    // An empty buffer always takes the next event, so one event larger than the cap does not
    // starve everyone; the queue is bounded by the cap plus one event.
    const queued = this.socket.bufferedAmount;
    if (queued > 0 && queued + data.length > this.maxBufferedBytes) {
      this.close(CloseCode.SlowConsumer, 'slow consumer: reconnect with ?since=<last seq>');
      return false;
    }
    this.socket.send(data, TEXT);
    return true;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.socket.close(code, reason);
    } catch {
      // already closing
    }
  }
}

/** Per-sandbox history plus its live subscribers. Both are allocated on first use. */
export class Channel {
  private ring: EventRing | null = null;
  private subs: Set<Subscriber> | null = null;

  constructor(private readonly retained: number) {}

  publish(events: readonly Event[]): void {
    if (events.length === 0) return;
    if (this.ring === null && this.retained > 0) this.ring = new EventRing(this.retained);
    if (this.ring === null && this.subs === null) return; // nobody will ever read them
    for (const m of toMessages(events)) {
      this.ring?.push(m);
      if (this.subs === null) continue;
      for (const s of this.subs) {
        if (s.wants(m.type) && !s.deliver(m.data)) this.subs.delete(s);
      }
    }
  }

  /**
   * Add a subscriber, first replaying retained events after `since` (if given). Runs
   * synchronously, so no event can slip between the replay and going live.
   */
  subscribe(sub: Subscriber, since: number | null): () => void {
    if (since !== null && this.ring !== null) {
      for (const r of this.ring.after(since)) {
        if (sub.wants(r.type) && !sub.deliver(r.data)) return () => {};
      }
    }
    (this.subs ??= new Set()).add(sub);
    return () => {
      this.subs?.delete(sub);
    };
  }

  get subscriberCount(): number {
    return this.subs?.size ?? 0;
  }

  get oldestRetainedSeq(): number {
    return this.ring?.oldestSeq ?? 0;
  }

  /** Close every subscriber (sandbox gone, server shutting down). */
  closeAll(code: number, reason: string): void {
    if (this.subs === null) return;
    for (const s of this.subs) s.close(code, reason);
    this.subs.clear();
  }
}

/**
 * The process-wide count of WebSocket subscribers. A slot is taken before a subscriber is
 * added and given back exactly once when its socket closes.
 */
export class SubscriberBudget {
  private used = 0;

  constructor(readonly max: number) {}

  get count(): number {
    return this.used;
  }

  get full(): boolean {
    return this.used >= this.max;
  }

  /** Take a slot; false when the process is at its cap. */
  tryAcquire(): boolean {
    if (this.full) return false;
    this.used++;
    return true;
  }

  release(): void {
    if (this.used > 0) this.used--;
  }
}
