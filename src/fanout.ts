/**
 * Event fan-out: a bounded per-sandbox history for `?since=` replay, and live delivery to
 * WebSocket subscribers that can never make the server's memory grow without bound.
 *
 * Each message is serialised and UTF-8 encoded once, and the same bytes go to every
 * subscriber (ws frames an unmasked server message without copying it), so a thousand
 * subscribers cost a thousand socket writes, not a thousand encodings of a 6 MB string.
 * A run of consecutive `stdout` (or `stderr`) events from one request is coalesced into
 * messages of up to {@link MAX_COALESCED_CHARS} characters: `text` is the joined text,
 * `seq` the last event's, `firstSeq` the first's. Keeping messages small keeps the
 * slow-consumer cap meaningful (a subscriber is sent at most the cap plus one message).
 * Messages are queued per subscriber and handed to sockets by the {@link Pump} in bounded
 * turns, so publishing never blocks the sandbox (or its neighbours) on slow sockets.
 * A subscriber whose socket has more than `maxBufferedBytes` queued (it reads slower than
 * the sandbox produces) is closed with {@link CloseCode.SlowConsumer}; it can reconnect
 * with `?since=`. Subscribers are capped per sandbox and per process.
 */
import type { Event, EventType } from '../sandbox/events.js';
import { Counts } from './counts.js';

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
  /**
   * Several nodes on Redis: the sandbox moved to another node, or a change whose events were
   * sent was undone (its write to Redis failed); reconnect with `?since=<last seq>`.
   */
  Moved: 1012,
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
/**
 * A retained message; a coalesced run of output events also keeps the events it joined
 * when its channel is asked to (see Channel.retainedEvents): the joined text alone does
 * not say where each event's text ended.
 */
interface Retained extends Message {
  events?: Event[];
}

const isOutput = (e: Event): e is Extract<Event, { type: 'stdout' | 'stderr' }> => e.type === 'stdout' || e.type === 'stderr';

/** Output text joined into one message stops growing past this many characters. */
export const MAX_COALESCED_CHARS = 65_536;

/**
 * The messages for a batch of events, in order: each event alone, except that consecutive
 * events of one output stream are joined into one message while its text stays within
 * {@link MAX_COALESCED_CHARS} (an event longer than that is a message by itself).
 * Invariant: every event's seq is covered by exactly one message (`firstSeq`..`seq`).
 */
export function toMessages(events: readonly Event[]): Message[] {
  return messagesOf(events, false);
}

/** {@link toMessages}, each coalesced run keeping its events if `keepRuns`. */
function messagesOf(events: readonly Event[], keepRuns: boolean): Retained[] {
  const out: Retained[] = [];
  for (let i = 0; i < events.length;) {
    const e = events[i]!;
    let j = i + 1;
    if (isOutput(e)) {
      let chars = e.text.length;
      for (; j < events.length && events[j]!.type === e.type; j++) {
        chars += (events[j] as { text: string }).text.length;
        if (chars > MAX_COALESCED_CHARS) break;
      }
    }
    let body: object = e;
    let run: Event[] | undefined;
    if (j - i > 1) {
      run = events.slice(i, j);
      body = { seq: events[j - 1]!.seq, type: e.type, text: (run as { text: string }[]).map((r) => r.text).join(''), firstSeq: e.seq };
    }
    const m: Retained = { seq: events[j - 1]!.seq, type: e.type, data: Buffer.from(JSON.stringify(body), 'utf8') };
    if (keepRuns && run !== undefined) m.events = run;
    out.push(m);
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

/**
 * One WebSocket subscriber: a queue of messages not yet handed to its socket. Queued
 * messages are shared Buffers (every subscriber holds the same ones), so a queue costs
 * references, not copies.
 */
export class Subscriber {
  closed = false;
  private queue: Buffer[] = [];
  private head = 0;
  private queuedBytes = 0;
  /** Set by the channel: forget this subscriber once it is closed. */
  detach: (() => void) | null = null;

  constructor(
    readonly socket: SocketLike,
    /** null: every type. */
    readonly types: ReadonlySet<string> | null,
    readonly maxBufferedBytes: number,
  ) {}

  wants(type: string): boolean {
    return this.types === null || this.types.has(type);
  }

  /**
   * Queue one encoded message; false (and the socket closed) if the subscriber is already
   * so far behind that its queue alone holds {@link QUEUE_FACTOR} times its buffer cap.
   */
  deliver(data: Buffer): boolean {
    if (this.closed) return false;
    if (this.queuedBytes > 0 && this.queuedBytes + data.length > QUEUE_FACTOR * this.maxBufferedBytes) {
      this.close(CloseCode.SlowConsumer, 'slow consumer: reconnect with ?since=<last seq>');
      return false;
    }
    this.queue.push(data);
    this.queuedBytes += data.length;
    return true;
  }

  get pending(): boolean {
    return this.head < this.queue.length;
  }

  /**
   * Hand the next queued message to the socket; its size, or -1 when there is nothing to
   * send or the subscriber is gone (closed now if it fell behind). An empty socket buffer
   * always takes the next message, so one message larger than the cap does not starve
   * anyone; what the socket holds is bounded by the cap plus one message.
   */
  sendNext(): number {
    if (this.closed || !this.pending) return -1;
    if (this.socket.readyState !== OPEN) {
      this.close(CloseCode.GoingAway, 'socket not open');
      return -1;
    }
    const data = this.queue[this.head]!;
    const queued = this.socket.bufferedAmount;
    if (queued > 0 && queued + data.length > this.maxBufferedBytes) {
      this.close(CloseCode.SlowConsumer, 'slow consumer: reconnect with ?since=<last seq>');
      return -1;
    }
    this.queue[this.head++] = EMPTY;
    this.queuedBytes -= data.length;
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
    this.socket.send(data, TEXT);
    return data.length;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.head = 0;
    this.queuedBytes = 0;
    this.detach?.();
    try {
      this.socket.close(code, reason);
    } catch {
      // already closing
    }
  }
}

const EMPTY = Buffer.alloc(0);
/** A subscriber's queue may hold this many times its socket buffer cap before it is closed as slow. */
const QUEUE_FACTOR = 16;

/**
 * Hands queued messages to sockets in turns of at most `bytesPerTurn` bytes and `msPerTurn`
 * milliseconds, one message per subscriber per pass (fair), yielding to the event loop
 * between turns (a large HTTP reply needs many loop iterations to be written out, so a turn
 * must be short, not merely bounded). Writing to a socket
 * copies into the kernel synchronously, so without turns one 6 MB output to a thousand
 * subscribers would hold the event loop for seconds; with them, other requests are
 * answered between turns. The first turn runs at once: small events go out immediately.
 */
export class Pump {
  private readonly pending = new Set<Subscriber>();
  private scheduled = false;
  private running = false;

  constructor(readonly bytesPerTurn = 2 ** 20, readonly msPerTurn = 2) {}

  /** Send what `s` has queued, starting now. */
  add(s: Subscriber): void {
    if (s.pending) this.pending.add(s);
  }

  /** Run a turn now unless one is running or already scheduled. */
  kick(): void {
    if (!this.running && !this.scheduled) this.turn();
  }

  get backlog(): number {
    return this.pending.size;
  }

  private turn = (): void => {
    this.scheduled = false;
    this.running = true;
    try {
      let budget = this.bytesPerTurn;
      const end = performance.now() + this.msPerTurn;
      while (budget > 0 && this.pending.size > 0) {
        for (const s of this.pending) {
          const n = s.sendNext();
          if (n < 0 || !s.pending) this.pending.delete(s);
          if (n > 0 && (budget -= n) <= 0) break;
        }
        if (performance.now() > end) break;
      }
    } finally {
      this.running = false;
    }
    if (this.pending.size > 0) {
      this.scheduled = true;
      setImmediate(this.turn);
    }
  };
}

/** The process's pump: one event loop, one turn-taker. */
export const pump = new Pump();

/** Per-sandbox history plus its live subscribers. Both are allocated on first use. */
export class Channel {
  private ring: EventRing | null = null;
  private subs: Set<Subscriber> | null = null;

  constructor(
    private readonly retained: number,
    private readonly out: Pump = pump,
    /** Keep the events of coalesced runs, so {@link retainedEvents} can give every retained event back. */
    private readonly keepRuns = false,
  ) {}

  publish(events: readonly Event[]): void {
    if (events.length === 0) return;
    if (this.ring === null && this.retained > 0) this.ring = new EventRing(this.retained);
    if (this.ring === null && this.subs === null) return; // nobody will ever read them
    for (const m of messagesOf(events, this.keepRuns)) {
      this.ring?.push(m);
      if (this.subs === null) continue;
      for (const s of this.subs) if (s.wants(m.type)) s.deliver(m.data);
    }
    if (this.subs === null) return;
    for (const s of this.subs) this.out.add(s);
    this.out.kick();
  }

  /**
   * Add a subscriber, first queueing retained events after `since` (if given). Runs
   * synchronously, so no event can slip between the replay and going live.
   */
  subscribe(sub: Subscriber, since: number | null): () => void {
    if (since !== null && this.ring !== null) {
      for (const r of this.ring.after(since)) {
        if (sub.wants(r.type) && !sub.deliver(r.data)) return () => {};
      }
    }
    const subs = (this.subs ??= new Set());
    subs.add(sub);
    sub.detach = () => subs.delete(sub);
    this.out.add(sub);
    this.out.kick();
    return () => {
      subs.delete(sub);
    };
  }

  /**
   * The last `retained` events the ring covers (it holds `retained` messages, so at least
   * that many events), oldest first, as they were published. Exact only on a channel that
   * keeps runs.
   */
  retainedEvents(): Event[] {
    const out: Event[] = [];
    if (this.ring === null) return out;
    for (const r of this.ring.after(-1)) {
      if (r.events !== undefined) out.push(...r.events);
      else out.push(JSON.parse(r.data.toString('utf8')) as Event);
    }
    return out.slice(-this.retained);
  }

  /** Retain `events` instead of what is retained now (a rebuilt sandbox's), sending nothing to subscribers. */
  resetRetained(events: readonly Event[]): void {
    this.ring = this.retained > 0 ? new EventRing(this.retained) : null;
    for (const m of messagesOf(events, this.keepRuns)) this.ring?.push(m);
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
    for (const s of [...this.subs]) s.close(code, reason);
    this.subs.clear();
  }
}

/**
 * The process-wide count of WebSocket subscribers. A slot is taken before a subscriber is
 * added and given back exactly once when its socket closes.
 */
export class SubscriberBudget {
  /** The count lives in `counts`: shared by every engine thread of the process (src/counts.ts). */
  constructor(readonly max: number, private readonly counts: Counts = new Counts(1)) {}

  get count(): number {
    return this.counts.subscribers;
  }

  get full(): boolean {
    return this.count >= this.max;
  }

  /** Take a slot; false when the process is at its cap. */
  tryAcquire(): boolean {
    return this.counts.tryTakeSubscriber(this.max);
  }

  release(): void {
    this.counts.giveSubscriber();
  }
}
