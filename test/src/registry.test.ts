import { describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { CloseCode, Subscriber, type SocketLike } from '../../src/fanout.js';
import { ProblemError } from '../../src/problem.js';
import { newSandboxId, SANDBOX_ID_PATTERN, SandboxRegistry } from '../../src/registry.js';

const limits = (o: Partial<ReturnType<typeof testConfig>['limits']> = {}) => testConfig({ limits: o }).limits;

function fakeSocket() {
  const s = { bufferedAmount: 0, readyState: 1, sent: [] as string[], closedWith: null as number | null,
    send(d: Buffer) { s.sent.push(d.toString('utf8')); }, close(code?: number) { s.closedWith = code ?? null; s.readyState = 3; } };
  return s satisfies SocketLike;
}

describe('sandbox ids', () => {
  it('are 128 random bits, base64url', () => {
    const ids = new Set(Array.from({ length: 1000 }, newSandboxId));
    expect(ids.size).toBe(1000);
    for (const id of ids) {
      expect(id).toMatch(SANDBOX_ID_PATTERN);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
  });
});

describe('SandboxRegistry', () => {
  it('creates, finds and deletes sandboxes', () => {
    const r = new SandboxRegistry(limits());
    const e = r.create({ options: {} });
    expect(r.size).toBe(1);
    expect(r.get(e.id)).toBe(e);
    expect(r.get('nope')).toBeUndefined();
    expect(() => r.require('nope')).toThrow(ProblemError);
    expect(r.delete(e.id)).toBe(true);
    expect(r.delete(e.id)).toBe(false);
    expect(r.get(e.id)).toBeUndefined();
  });

  it('gives sandboxes the server limits unless the request sets lower ones', () => {
    const r = new SandboxRegistry(limits({ maxObjectsPerSandbox: 500 }));
    expect(r.create({ options: {} }).sandbox.limits.maxObjects).toBe(500);
    expect(r.create({ options: { limits: { maxObjects: 20 } } }).sandbox.limits.maxObjects).toBe(20);
  });

  it('refuses past maxSandboxes with a 429', () => {
    const r = new SandboxRegistry(limits({ maxSandboxes: 2 }));
    const a = r.create({ options: {} });
    r.create({ options: {} });
    try {
      r.create({ options: {} });
      expect.unreachable();
    } catch (err) {
      expect((err as ProblemError).status).toBe(429);
    }
    expect(() => r.fork(a, null)).toThrow(ProblemError);
    r.delete(a.id);
    expect(r.create({ options: {} })).toBeDefined();
  });

  it('refuses new sandboxes with a 429 while the heap is over maxHeapMiB', () => {
    const r = new SandboxRegistry(limits({ maxHeapMiB: 1 }));
    try {
      r.create({ options: {} });
      expect.unreachable();
    } catch (err) {
      expect((err as ProblemError).status).toBe(429);
      expect((err as ProblemError).extra.limit).toBe('maxHeapMiB');
    }
  });

  it('expires idle sandboxes, closing their subscribers; use keeps them alive', () => {
    let now = 1_000_000;
    const r = new SandboxRegistry(limits({ idleTtlSeconds: 60 }), () => now);
    const idle = r.create({ options: {} });
    const busy = r.create({ options: {} });
    const sock = fakeSocket();
    idle.channel.subscribe(new Subscriber(sock, null, 1 << 20), null);
    now += 59_000;
    expect(r.get(busy.id)).toBe(busy); // touches busy
    expect(r.sweep()).toBe(0);
    now += 2_000;
    expect(r.sweep()).toBe(1);
    expect(sock.closedWith).toBe(CloseCode.SandboxGone);
    expect(r.get(idle.id)).toBeUndefined();
    expect(r.get(busy.id)).toBe(busy);
    now += 61_000;
    expect(r.get(busy.id)).toBeUndefined(); // expired even before a sweep runs
    expect(r.size).toBe(0);
  });

  it('lists only the sandboxes of one owner', () => {
    const r = new SandboxRegistry(limits());
    const a = r.create({ options: {}, owner: 0 });
    r.create({ options: {}, owner: 1 });
    const c = r.fork(a, 0);
    expect(r.listOwnedBy(0).map((e) => e.id).sort()).toEqual([a.id, c.id].sort());
    expect(r.listOwnedBy(2)).toEqual([]);
  });

  it('close() tells every subscriber the server is going away', () => {
    const r = new SandboxRegistry(limits());
    const e = r.create({ options: {} });
    const sock = fakeSocket();
    e.channel.subscribe(new Subscriber(sock, null, 1 << 20), null);
    r.startSweeping();
    r.close();
    expect(sock.closedWith).toBe(CloseCode.GoingAway);
  });
});
