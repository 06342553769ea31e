import { describe, expect, it } from 'vitest';
import type { Event } from '../../sandbox/events.js';
import {
  Channel, CloseCode, EventRing, MAX_COALESCED_CHARS, Pump, Subscriber, SubscriberBudget, toMessages, type SocketLike,
} from '../../src/fanout.js';

class FakeSocket implements SocketLike {
  sent: string[] = [];
  bufferedAmount = 0;
  readyState = 1;
  closed: { code?: number; reason?: string } | null = null;
  constructor(private readonly drains = true) {}
  /** The buffers sent, by identity: the fan-out must share one per message. */
  buffers: Buffer[] = [];
  send(data: Buffer, options: { binary: false }): void {
    expect(options.binary).toBe(false);
    this.buffers.push(data);
    this.sent.push(data.toString('utf8'));
    if (!this.drains) this.bufferedAmount += data.length;
  }
  close(code?: number, reason?: string): void {
    this.closed = { code, reason };
    this.readyState = 2;
  }
  seqs(): number[] {
    return this.sent.map((s) => (JSON.parse(s) as Event).seq);
  }
}

/**
 * A channel with its own pump whose turns have no time limit: what a test sees sent is then
 * decided by bytes and buffers alone, never by how loaded the machine is (the process pump's
 * 2 ms turns would defer sends, and a turn left scheduled would leak into the next test).
 */
const channel = (retained: number): Channel => new Channel(retained, new Pump(2 ** 20, Infinity));

const stdout = (seq: number, text = 'x'): Event => ({ seq, type: 'stdout', text });
const dealloc = (seq: number): Event => ({ seq, type: 'dealloc', object: '0x10', objectType: 'list' });

describe('EventRing', () => {
  it('keeps the most recent events, oldest first', () => {
    const r = new EventRing(3);
    for (let i = 1; i <= 5; i++) r.push({ seq: i, type: 'stdout', data: Buffer.from(String(i)) });
    expect(r.length).toBe(3);
    expect(r.oldestSeq).toBe(3);
    expect([...r.after(0)].map((x) => x.seq)).toEqual([3, 4, 5]);
    expect([...r.after(4)].map((x) => x.seq)).toEqual([5]);
    expect([...r.after(5)]).toEqual([]);
  });

  it('retains nothing with capacity 0', () => {
    const r = new EventRing(0);
    r.push({ seq: 1, type: 'stdout', data: Buffer.from('1') });
    expect(r.length).toBe(0);
    expect([...r.after(0)]).toEqual([]);
  });
});

describe('Channel', () => {
  it('delivers live events to every subscriber, serialised as JSON', () => {
    const ch = channel(10);
    const a = new FakeSocket();
    const b = new FakeSocket();
    ch.subscribe(new Subscriber(a, null, 1 << 20), null);
    ch.subscribe(new Subscriber(b, null, 1 << 20), null);
    ch.publish([stdout(1, 'hi'), dealloc(2)]);
    expect(a.sent).toEqual([JSON.stringify(stdout(1, 'hi')), JSON.stringify(dealloc(2))]);
    expect(b.seqs()).toEqual([1, 2]);
    // Encoded once: every subscriber is handed the very same bytes.
    expect(a.buffers[0]).toBe(b.buffers[0]);
    expect(a.buffers[1]).toBe(b.buffers[1]);
  });

  it('coalesces a run of one output stream into one message covering its seqs', () => {
    const ch = channel(10);
    const s = new FakeSocket();
    ch.subscribe(new Subscriber(s, null, 1 << 20), null);
    const err = (seq: number, text: string): Event => ({ seq, type: 'stderr', text });
    ch.publish([stdout(1, 'a'), stdout(2, 'b'), stdout(3, 'c'), err(4, 'E'), err(5, 'F'), dealloc(6), stdout(7, 'd')]);
    expect(s.sent.map((m) => JSON.parse(m))).toEqual([
      { seq: 3, type: 'stdout', text: 'abc', firstSeq: 1 },
      { seq: 5, type: 'stderr', text: 'EF', firstSeq: 4 },
      dealloc(6),
      stdout(7, 'd'),
    ]);
  });

  it('stops joining output past MAX_COALESCED_CHARS, at an event boundary', () => {
    const big = 'x'.repeat(MAX_COALESCED_CHARS / 2);
    const msgs = toMessages([stdout(1, big), stdout(2, big), stdout(3, 'y'), stdout(4, 'z'.repeat(MAX_COALESCED_CHARS + 1)), stdout(5, 'w')])
      .map((m) => JSON.parse(m.data.toString()) as { seq: number; firstSeq?: number; text: string });
    expect(msgs.map((m) => [m.firstSeq ?? m.seq, m.seq])).toEqual([[1, 2], [3, 3], [4, 4], [5, 5]]);
    expect(msgs[0]!.text).toBe(big + big);
  });

  it('toMessages covers every seq exactly once', () => {
    const evs: Event[] = [stdout(1), dealloc(2), stdout(3), stdout(4), dealloc(5), dealloc(6)];
    const covered = toMessages(evs).flatMap((m) => {
      const body = JSON.parse(m.data.toString()) as { seq: number; firstSeq?: number };
      const from = body.firstSeq ?? body.seq;
      return Array.from({ length: body.seq - from + 1 }, (_, k) => from + k);
    });
    expect(covered).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('replays retained events after `since`, then goes live without gaps or duplicates', () => {
    const ch = channel(3);
    for (const seq of [1, 2, 3, 4, 5]) ch.publish([dealloc(seq)]);
    const s = new FakeSocket();
    ch.subscribe(new Subscriber(s, null, 1 << 20), 3);
    expect(s.seqs()).toEqual([4, 5]);
    ch.publish([dealloc(6)]);
    expect(s.seqs()).toEqual([4, 5, 6]);
    const old = new FakeSocket();
    ch.subscribe(new Subscriber(old, null, 1 << 20), 0);
    expect(old.seqs()).toEqual([4, 5, 6]); // 1..3 fell out of the buffer: the gap shows in the seqs
    const none = new FakeSocket();
    ch.subscribe(new Subscriber(none, null, 1 << 20), null);
    expect(none.sent).toEqual([]);
  });

  it('filters by type, in replay and live', () => {
    const ch = channel(10);
    ch.publish([stdout(1), dealloc(2)]);
    const s = new FakeSocket();
    ch.subscribe(new Subscriber(s, new Set(['dealloc']), 1 << 20), 0);
    ch.publish([stdout(3), dealloc(4)]);
    expect(s.seqs()).toEqual([2, 4]);
  });

  it('closes a subscriber that falls behind, and stops sending to it', () => {
    const ch = channel(10);
    const slow = new FakeSocket(false);
    const fast = new FakeSocket(true);
    ch.subscribe(new Subscriber(slow, null, 100), null);
    ch.subscribe(new Subscriber(fast, null, 100), null);
    for (let i = 1; i <= 20; i++) ch.publish([stdout(i, 'y'.repeat(20))]);
    expect(slow.closed?.code).toBe(CloseCode.SlowConsumer);
    expect(slow.sent.join('').length).toBeLessThanOrEqual(100);
    expect(fast.sent).toHaveLength(20);
    expect(ch.subscriberCount).toBe(1);
  });

  it('always sends into an empty buffer, so one event larger than the cap still goes out', () => {
    const ch = channel(10);
    const s = new FakeSocket(false);
    ch.subscribe(new Subscriber(s, null, 100), null);
    ch.publish([stdout(1, 'z'.repeat(500))]);
    expect(s.sent).toHaveLength(1);
    expect(s.closed).toBeNull();
    ch.publish([stdout(2)]);
    expect(s.closed?.code).toBe(CloseCode.SlowConsumer);
  });

  it('drops subscribers whose socket is no longer open', () => {
    const ch = channel(10);
    const s = new FakeSocket();
    ch.subscribe(new Subscriber(s, null, 1 << 20), null);
    s.readyState = 3;
    ch.publish([stdout(1)]);
    expect(s.sent).toEqual([]);
    expect(ch.subscriberCount).toBe(0);
  });

  it('closeAll closes every subscriber with the given code', () => {
    const ch = channel(10);
    const a = new FakeSocket();
    const unsubscribeB = ch.subscribe(new Subscriber(new FakeSocket(), null, 100), null);
    ch.subscribe(new Subscriber(a, null, 100), null);
    unsubscribeB();
    expect(ch.subscriberCount).toBe(1);
    ch.closeAll(CloseCode.SandboxGone, 'sandbox deleted');
    expect(a.closed).toEqual({ code: 4410, reason: 'sandbox deleted' });
    expect(ch.subscriberCount).toBe(0);
  });
});

describe('SubscriberBudget', () => {
  it('hands out at most max slots and takes each back once', () => {
    const b = new SubscriberBudget(2);
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(true);
    expect(b.full).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    b.release();
    expect(b.count).toBe(1);
    expect(b.tryAcquire()).toBe(true);
    b.release();
    b.release();
    b.release();
    expect(b.count).toBe(0);
  });
});

describe('Pump', () => {
  it('sends at most a turn\'s bytes at once, fairly, and the rest on later turns', async () => {
    const ch = new Channel(0, new Pump(150, 1_000));
    const socks = [new FakeSocket(), new FakeSocket(), new FakeSocket()];
    for (const s of socks) ch.subscribe(new Subscriber(s, null, 1 << 20), null);
    // Two separate messages (a dealloc between the outputs keeps them apart), ~60 bytes each.
    ch.publish([stdout(1, 'a'.repeat(20)), dealloc(2)]);
    const first = socks.map((s) => s.sent.length);
    expect(first.reduce((a, b) => a + b, 0)).toBeLessThan(6); // not everything in publish()
    expect(Math.max(...first) - Math.min(...first)).toBeLessThanOrEqual(1); // one message per subscriber per pass
    for (let i = 0; i < 10 && socks.some((s) => s.sent.length < 2); i++) await new Promise((r) => setImmediate(r));
    for (const s of socks) expect(s.seqs()).toEqual([1, 2]);
  });
});

describe('Channel.retainedEvents', () => {
  it('gives back the last `retained` events as published, coalesced runs included, when it keeps runs', () => {
    const ch = new Channel(3, new Pump(2 ** 20, Infinity), true);
    expect(ch.retainedEvents()).toEqual([]);
    ch.publish([dealloc(1), stdout(2, 'a'), stdout(3, 'b')]);
    ch.publish([stdout(4, 'c'), stdout(5, 'd'), dealloc(6)]);
    // Four messages (the ring holds three): 1, 2-3, 4-5, 6. The last three cover five events.
    expect(ch.oldestRetainedSeq).toBe(3);
    expect(ch.retainedEvents()).toEqual([stdout(4, 'c'), stdout(5, 'd'), dealloc(6)]);
    ch.publish([stdout(7, 'e')]);
    expect(ch.retainedEvents()).toEqual([stdout(5, 'd'), dealloc(6), stdout(7, 'e')]);
  });

  it('resetRetained replaces what is retained without sending anything', () => {
    const ch = new Channel(2, new Pump(2 ** 20, Infinity), true);
    const sock = new FakeSocket();
    ch.subscribe(new Subscriber(sock, null, 1 << 20), null);
    ch.publish([dealloc(1), dealloc(2), dealloc(3)]);
    ch.resetRetained([dealloc(1), stdout(2, 'x'), stdout(3, 'y')]);
    expect(sock.seqs()).toEqual([1, 2, 3]);
    expect(ch.retainedEvents()).toEqual([stdout(2, 'x'), stdout(3, 'y')]);
  });
});
