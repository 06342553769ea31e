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

describe('SandboxRegistry: replay, fork and atomic within one request', () => {
  const loop = 'n = 0\nwhile n < 20000:\n    n += 1\n';

  it('counts only logged ops, and refuses a fork or atomic batch past the step budget (422 naming the limit)', async () => {
    const l = limits({ maxStepsPerRequest: 100_000 });
    const r = new SandboxRegistry(l);
    const e = r.create({ options: {} });
    r.apply(e, [{ op: 'alloc', type: 'list', name: 'a' }, { op: 'getrefcount', target: 'a' }, { op: 'stats' }], false);
    expect(e.logEntries).toBe(1);
    for (let i = 0; i < 3; i++) await r.exec(e, loop);
    expect(e.sandbox.replayCost).toBeGreaterThan(100_000);
    const fork = catchProblem(() => r.fork(e, null));
    expect(fork.status).toBe(422);
    expect(fork.extra.limit).toBe('maxStepsPerRequest');
    expect(fork.message).toMatch(/new sandbox/);
    const atomic = catchProblem(() => r.apply(e, [{ op: 'alloc', type: 'list', name: 'b' }], true));
    expect(atomic.extra.limit).toBe('maxStepsPerRequest');
    expect(atomic.message).toMatch(/without atomic/);
    expect(e.logEntries).toBe(4);
    // Reads need no copy, atomic or not.
    expect(r.apply(e, [{ op: 'getrefcount', target: 'a' }], true).error).toBeNull();
  });

  it('remembers a replay that ran out of time, and refuses the next one up front', async () => {
    const l = limits({ maxStepsPerRequest: 10_000_000, maxRequestMs: 60_000 });
    const r = new SandboxRegistry(l);
    const e = r.create({ options: {} });
    await r.exec(e, loop);
    // The deadline has passed before the replay starts.
    l.maxRequestMs = -1_000;
    const slow = catchProblem(() => r.fork(e, null));
    expect(slow.extra.limit).toBe('maxRequestMs');
    expect(e.slowReplayCost).toBe(e.sandbox.replayCost);
    l.maxRequestMs = 60_000;
    for (const attempt of [() => r.fork(e, null), () => r.apply(e, [{ op: 'alloc', type: 'list', name: 'b' }], true)]) {
      const again = catchProblem(attempt);
      expect(again.extra.limit).toBe('maxRequestMs');
      expect(again.message).toMatch(/when last tried/);
    }
    // A fresh sandbox is unaffected.
    expect(() => r.fork(r.create({ options: {} }), null)).not.toThrow();
  });

  it('refuses a replayed log claiming more steps than the server allows, naming the entry', () => {
    const r = new SandboxRegistry(limits({ maxStepsPerRequest: 1_000 }));
    const p = catchProblem(() => r.create({
      options: {},
      replay: [{ op: { op: 'gc', call: 'enable' } }, { op: { op: 'exec', code: loop }, failed: true, stoppedAfterSteps: 400_000_000 }],
    }));
    expect(p.status).toBe(422);
    expect(p.extra).toMatchObject({ limit: 'maxStepsPerRequest', index: 1, errors: [{ field: 'body.replay.entries[1].stoppedAfterSteps' }] });
    expect(r.size).toBe(0);
  });
});

function catchProblem(fn: () => unknown): ProblemError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProblemError) return e;
    throw e;
  }
  throw new Error('expected a ProblemError');
}
