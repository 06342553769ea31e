/**
 * The op log and what replays it: reads are not logged and replay stays exact (heap, ids,
 * event seq numbers); replay, fork and atomic batches are bounded by a step budget and a
 * host guard, and refuse logs that claim more than any op may run.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Sandbox, ReplayLimitError, isLogged, type SandboxLog } from '../../sandbox/sandbox.js';
import type { Op } from '../../sandbox/ops.js';
import { generate } from './generator.js';

const LOOP = 'n = 0\nwhile True:\n    n += 1\n';

/** Replay must rebuild the same heap and continue the same event numbering. */
function expectSameSandbox(a: Sandbox, b: Sandbox): void {
  expect(b.stats()).toEqual(a.stats());
  expect(b.names()).toEqual(a.names());
  expect(b.graph({ view: 'all' })).toEqual(a.graph({ view: 'all' }));
  expect(b.lastSeq).toBe(a.lastSeq);
  // What happens next is the same too: same ids, same events with the same seq numbers.
  const probe: Op[] = [{ op: 'alloc', type: 'list', name: 'probe' }, { op: 'collect' }];
  expect(b.apply(probe)).toEqual(a.apply(probe));
}

/** Split ops into request-sized batches, as clients send them. */
function batches(ops: Op[], size: number): Op[][] {
  const out: Op[][] = [];
  for (let i = 0; i < ops.length; i += size) out.push(ops.slice(i, i + size));
  return out;
}

describe('reads are not logged', () => {
  it('stats, getrefcount and getsizeof leave no entry, succeed or fail', () => {
    const sb = new Sandbox();
    sb.apply([{ op: 'alloc', type: 'list', name: 'a' }]);
    const seq = sb.lastSeq;
    sb.apply([{ op: 'stats' }, { op: 'getrefcount', target: 'a' }, { op: 'getsizeof', target: 'a' }]);
    expect(sb.apply([{ op: 'getrefcount', target: 'missing' }]).error?.pythonError.type).toBe('NameError');
    expect(sb.apply([{ op: 'getsizeof', target: { id: '0x1' } }]).error?.pythonError.type).toBe('LookupError');
    expect(sb.log().entries).toEqual([{ op: { op: 'alloc', type: 'list', name: 'a' } }]);
    expect(sb.logLength).toBe(1);
    expect(sb.lastSeq).toBe(seq);
  });

  it('only the three reads are left out; every other op, exec included, is logged', () => {
    const logged = (['alloc', 'class', 'ref', 'del', 'collect', 'gc', 'weakref', 'call', 'return', 'exec'] as const)
      .map((op) => isLogged({ op } as Op));
    expect(logged.every(Boolean)).toBe(true);
    expect((['stats', 'getrefcount', 'getsizeof'] as const).map((op) => isLogged({ op } as Op))).toEqual([false, false, false]);
  });

  it('replay of random logs mixing reads and writes, sent in batches, is exact', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 7 }), (seed, size) => {
        // A small per-op event cap: ops that free many objects end in `truncated` events.
        const sb = new Sandbox({ limits: { maxEventsPerOp: 3 } });
        for (const b of batches(generate(seed), size)) sb.apply(b);
        expectSameSandbox(sb, Sandbox.replay(sb.log()));
      }),
      { numRuns: 30, seed: 8 },
    );
  });

  it('a batch past the per-op event cap numbers its events as the same ops one by one', () => {
    const sb = new Sandbox({ limits: { maxEventsPerOp: 3 } });
    const names = ['a0', 'a1', 'a2', 'a3', 'a4'];
    sb.apply(names.map((name) => ({ op: 'alloc', type: 'list', name, items: [{ value: 1.5 }, { value: 2.5 }] }) as Op));
    const r = sb.apply(names.map((name) => ({ op: 'del', name }) as Op));
    // Each del frees a list and its two floats: three events, under the cap of 3.
    expect(r.events.map((e) => e.type)).toEqual(Array(15).fill('dealloc'));
    const one = sb.apply([{ op: 'alloc', type: 'list', name: 'big', items: [{ value: 1.5 }, { value: 2.5 }, { value: 3.5 }] }, { op: 'del', name: 'big' }]);
    expect(one.events.map((e) => e.type)).toEqual(['dealloc', 'dealloc', 'dealloc', 'truncated']);
    expectSameSandbox(sb, Sandbox.replay(sb.log()));
  });
});

describe('replay is bounded', () => {
  it('an op stopped by the step budget records maxSteps + 1, the most a log may claim', () => {
    const sb = new Sandbox({ limits: { maxSteps: 5_000 } });
    sb.exec(LOOP);
    const log = sb.log();
    expect(log.entries[0]!.stoppedAfterSteps).toBe(5_001);
    expect(Sandbox.replay(log).exec('print(n)').stdout).toBe(sb.exec('print(n)').stdout);
  });

  it('refuses a log claiming an op ran longer than its step budget, naming the entry', () => {
    const log: SandboxLog = {
      version: 1, options: { limits: { maxSteps: 5_000 } },
      entries: [{ op: { op: 'gc', call: 'enable' } }, { op: { op: 'exec', code: LOOP }, failed: true, stoppedAfterSteps: 400_000_000 }],
    };
    const err = catchReplay(() => Sandbox.replay(log));
    expect(err).toMatchObject({ limit: 'maxSteps', index: 1 });
  });

  it('stops a replay past its step budget at the entry that passed it', () => {
    const sb = new Sandbox({ limits: { maxSteps: 5_000 } });
    for (let i = 0; i < 4; i++) sb.exec(LOOP);
    // Each stopped loop costs 5001 steps, plus one for its entry.
    expect(sb.replayCost).toBe(4 * 5_002);
    expect(() => Sandbox.replay(sb.log(), { maxSteps: 4 * 5_002 })).not.toThrow();
    expect(catchReplay(() => Sandbox.replay(sb.log(), { maxSteps: 3 * 5_002 + 100 }))).toMatchObject({ limit: 'replaySteps', index: 3 });
    expect(catchReplay(() => Sandbox.replay(sb.log(), { maxSteps: 3 * 5_002 }))).toMatchObject({ limit: 'replaySteps', index: 3 });
  });

  it('a replayed sandbox costs what its source cost', () => {
    const sb = new Sandbox();
    sb.apply(generate(99));
    sb.exec('x = [i for i in range(300)]');
    expect(sb.replayCost).toBeGreaterThan(sb.logLength);
    expect(Sandbox.replay(sb.log()).replayCost).toBe(sb.replayCost);
    expect(sb.fork().replayCost).toBe(sb.replayCost);
  });

  it('stops a replay when the host guard fires', () => {
    const sb = new Sandbox({ limits: { maxSteps: 50_000 } });
    sb.exec(LOOP);
    sb.exec('y = 1');
    let polls = 0;
    expect(catchReplay(() => Sandbox.replay(sb.log(), { interrupt: () => ++polls > 2 }))).toMatchObject({ limit: 'time', index: 0 });
    // Between entries too, without any steps.
    const cheap = new Sandbox();
    cheap.apply([{ op: 'gc', call: 'enable' }, { op: 'gc', call: 'disable' }]);
    polls = 0;
    expect(catchReplay(() => Sandbox.replay(cheap.log(), { interrupt: () => ++polls > 1 }))).toMatchObject({ limit: 'time', index: 1 });
  });

  it('refuses a fork up front when replaying the log costs more than the budget', () => {
    const sb = new Sandbox({ limits: { maxSteps: 5_000 } });
    sb.exec(LOOP);
    let polled = false;
    const err = catchReplay(() => sb.fork({ maxSteps: 5_000, interrupt: () => (polled = true) }));
    expect(err).toMatchObject({ limit: 'replaySteps', index: null });
    expect(polled).toBe(false);
    expect(() => sb.fork({ maxSteps: 5_002 })).not.toThrow();
  });

  it('atomic: reads run in place; writes on a costly log are refused and change nothing', () => {
    const sb = new Sandbox({ limits: { maxSteps: 5_000 } });
    sb.apply([{ op: 'alloc', type: 'list', name: 'a' }]);
    sb.exec(LOOP);
    const budget = { maxSteps: 100 };
    const reads = sb.apply([{ op: 'getrefcount', target: 'a' }, { op: 'stats' }], { atomic: true, replay: budget });
    expect(reads.error).toBeNull();
    expect(reads.results[0]).toEqual({ refcount: 2 });
    const before = { log: sb.log(), stats: sb.stats(), seq: sb.lastSeq };
    expect(catchReplay(() => sb.apply([{ op: 'alloc', type: 'list', name: 'b' }], { atomic: true, replay: budget })))
      .toMatchObject({ limit: 'replaySteps' });
    expect({ log: sb.log(), stats: sb.stats(), seq: sb.lastSeq }).toEqual(before);
    // Within budget, the batch is adopted.
    expect(sb.apply([{ op: 'alloc', type: 'list', name: 'b' }], { atomic: true, replay: { maxSteps: 10_000 } }).error).toBeNull();
    expect(sb.names()[0]!.names.b).toBeDefined();
  });
});

function catchReplay(fn: () => unknown): ReplayLimitError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReplayLimitError) return e;
    throw e;
  }
  throw new Error('expected a ReplayLimitError');
}
