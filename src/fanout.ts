/**
 * Event fan-out: a bounded per-sandbox history for `?since=` replay, and live delivery to
 * WebSocket subscribers that can never make the server's memory grow without bound.
 *
 * Events are serialised once and the same string goes to every subscriber. A subscriber
 * whose socket has more than `maxBufferedBytes` queued (it reads slower than the sandbox
 * produces) is closed with {@link CloseCode.SlowConsumer}; it can reconnect with `?since=`.
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
} as const;

/** What the fan-out needs from a socket (the `ws` WebSocket satisfies it). */
export interface SocketLike {
  readonly bufferedAmount: number;
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
const OPEN = 1;

interface Retained {
  seq: number;
  type: EventType;
  json: string;
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

  /** Send one serialised event; false (and the socket closed) if the subscriber fell behind. */
  deliver(json: string): boolean {
    if (this.closed) return false;
    if (this.socket.readyState !== OPEN) {
      this.closed = true;
      return false;
    }
    // An empty buffer always takes the next event, so one event larger than the cap does not
    // starve everyone; the queue is bounded by the cap plus one event.
    const queued = this.socket.bufferedAmount;
    if (queued > 0 && queued + json.length > this.maxBufferedBytes) {
      this.close(CloseCode.SlowConsumer, 'slow consumer: reconnect with ?since=<last seq>');
      return false;
    }
    this.socket.send(json);
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
    for (const e of events) {
      const json = JSON.stringify(e);
      this.ring?.push({ seq: e.seq, type: e.type, json });
      if (this.subs === null) continue;
      for (const s of this.subs) {
        if (s.wants(e.type) && !s.deliver(json)) this.subs.delete(s);
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
        if (sub.wants(r.type) && !sub.deliver(r.json)) return () => {};
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
