/**
 * The cyclic collector through ops: what gc.collect() returns, generations, the count
 * model, automatic collection, DEBUG_SAVEALL, freeze, weakrefs, resurrection. Numbers are
 * CPython 3.11.7's (the Python is in the comments), except the documented count model.
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../sandbox/ops.js';
import { Sandbox } from '../../sandbox/sandbox.js';
import { fresh, run } from './helpers.js';

const collect = (sb: Sandbox, generation?: 0 | 1 | 2): number =>
  run(sb, [generation === undefined ? { op: 'collect' } : { op: 'collect', generation }]).results[0]!.unreachable as number;
const out = (sb: Sandbox, ops: Op[]): string => run(sb, ops).results.map((r) => (r.stdout as string | undefined) ?? '').join('');
const inst = (name: string, label = name, cls = 'D'): Op[] => [
  { op: 'alloc', type: 'instance', class: cls, name },
  { op: 'ref', from: name, attr: 'name', value: label },
];
const D: Op = { op: 'class', name: 'D', finalizer: { print: 'del {name}' } };
const selfLoop = (name: string): Op[] => [{ op: 'alloc', type: 'list', name }, { op: 'ref', from: name, append: true, to: name }];

describe('cycles and gc.collect()', () => {
  it('self-loop 1, 2-cycle 2, 10-cycle 10, empty class 5 or 6, class with __del__ 7', () => {
    const { sb } = fresh([...selfLoop('a'), { op: 'del', name: 'a' }]);
    expect(collect(sb)).toBe(1); // a = []; a.append(a); del a → 1
    run(sb, [{ op: 'class', name: 'C' }, { op: 'alloc', type: 'instance', class: 'C', name: 'x' }, { op: 'alloc', type: 'instance', class: 'C', name: 'y' },
      { op: 'ref', from: 'x', attr: 'p', to: 'y' }, { op: 'ref', from: 'y', attr: 'p', to: 'x' }, { op: 'del', name: 'x' }, { op: 'del', name: 'y' }]);
    expect(collect(sb)).toBe(2); // x.p = y; y.p = x; del x, y → 2
    const ring: Op[] = [{ op: 'alloc', type: 'instance', class: 'C', name: 'h' }, { op: 'ref', name: 'cur', to: 'h' }];
    for (let i = 0; i < 9; i++) ring.push({ op: 'alloc', type: 'instance', class: 'C', name: 'n' }, { op: 'ref', from: 'cur', attr: 'p', to: 'n' }, { op: 'ref', name: 'cur', to: 'n' });
    ring.push({ op: 'ref', from: 'cur', attr: 'p', to: 'h' }, { op: 'del', name: 'h' }, { op: 'del', name: 'cur' }, { op: 'del', name: 'n' });
    run(sb, ring);
    expect(collect(sb)).toBe(10); // a ring of 10 instances → 10
    run(sb, [{ op: 'del', name: 'C' }]);
    expect(collect(sb)).toBe(5); // del C → 5 (its (object,) bases tuple was untracked by an earlier collection)
    run(sb, [{ op: 'class', name: 'E' }, { op: 'del', name: 'E' }]);
    expect(collect(sb)).toBe(6); // class E: pass; del E; gc.collect() → 6
    run(sb, [D, { op: 'del', name: 'D' }]);
    expect(collect(sb)).toBe(7); // class D: def __del__(self): pass; del D → 7
  });

  it('finalizers of a cycle run in collection order, then the count', () => {
    const { sb } = fresh([D, ...inst('a'), ...inst('b'), { op: 'ref', from: 'a', attr: 'p', to: 'b' }, { op: 'ref', from: 'b', attr: 'p', to: 'a' },
      { op: 'del', name: 'a' }, { op: 'del', name: 'b' }]);
    const r = run(sb, [{ op: 'collect' }]).results[0]!;
    expect(r.stdout).toBe('del a\ndel b\n');
    expect(r.unreachable).toBe(2);
  });
});

describe('generations', () => {
  it('objects in older generations are collected only by collecting their generation', () => {
    // a = []; a.append(a); gc.collect(0) → 0; del a; gc.collect(0), gc.collect(1) → 0 1
    const { sb } = fresh(selfLoop('a'));
    expect(collect(sb, 0)).toBe(0);
    run(sb, [{ op: 'del', name: 'a' }]);
    expect([collect(sb, 0), collect(sb, 1)]).toEqual([0, 1]);
    // survives collect(1) → generation 2: collect(0), (1), (2) → 0 0 1
    run(sb, selfLoop('a'));
    collect(sb, 1);
    run(sb, [{ op: 'del', name: 'a' }]);
    expect([collect(sb, 0), collect(sb, 1), collect(sb, 2)]).toEqual([0, 0, 1]);
    // survives collect(0) then collect(1) → generation 2 as well
    run(sb, selfLoop('a'));
    collect(sb, 0);
    collect(sb, 1);
    run(sb, [{ op: 'del', name: 'a' }]);
    expect([collect(sb, 0), collect(sb, 1), collect(sb, 2)]).toEqual([0, 0, 1]);
  });

  it('stats: per-generation collections and collected, and the count model', () => {
    const { sb } = fresh();
    const s0 = sb.stats();
    expect(s0.count).toEqual([0, 0, 0]); // the initial full gc.collect() reset every generation (there is no older one)
    run(sb, [{ op: 'alloc', type: 'list', name: 'a' }, { op: 'alloc', type: 'list', name: 'b' }, { op: 'alloc', type: 'int', value: 5000, name: 'i' }]);
    expect(sb.stats().count[0]).toBe(s0.count[0]! + 2); // two tracked container allocations (+1 each); the int is not a container
    run(sb, [{ op: 'del', name: 'b' }]);
    expect(sb.stats().count[0]).toBe(s0.count[0]! + 1); // a deallocation −1
    run(sb, [{ op: 'collect', generation: 0 }]);
    let s = sb.stats();
    expect(s.count[0]).toBe(0); // collect(0) resets generation 0 ...
    expect(s.count[1]).toBe(s0.count[1]! + 1); // ... and counts one collection for generation 1
    run(sb, [{ op: 'collect', generation: 1 }]);
    s = sb.stats();
    expect(s.count.slice(0, 2)).toEqual([0, 0]);
    expect(s.count[2]).toBe(s0.count[2]! + 1);
    expect(s.stats[0]!.collections).toBe(s0.stats[0]!.collections + 1);
    expect(s.stats[1]!.collections).toBe(s0.stats[1]!.collections + 1);
    run(sb, [...selfLoop('c'), { op: 'del', name: 'c' }, { op: 'collect', generation: 2 }]);
    s = sb.stats();
    expect(s.count).toEqual([0, 0, 0]);
    expect(s.stats[2]!.collected).toBe(s0.stats[2]!.collected + 1);
  });
});

describe('automatic collection', () => {
  it('runs when generation 0 passes its threshold, with trigger "automatic", and not when disabled', () => {
    const sb = new Sandbox();
    run(sb, [{ op: 'gc', call: 'set_threshold', threshold: [5, 10, 10] }, { op: 'alloc', type: 'list', name: 'keep' }]);
    const ops: Op[] = [];
    for (let i = 0; i < 12; i++) ops.push(...selfLoop('t'));
    const r = run(sb, ops);
    const starts = r.events.filter((e) => e.type === 'gc.start');
    const stops = r.events.filter((e) => e.type === 'gc.stop');
    expect(starts.length).toBeGreaterThan(0);
    expect(starts.every((e) => e.type === 'gc.start' && e.trigger === 'automatic' && e.generation === 0)).toBe(true);
    expect(stops.length).toBe(starts.length);
    expect(stops.some((e) => e.type === 'gc.stop' && e.collected > 0)).toBe(true);
    run(sb, [{ op: 'gc', call: 'disable' }]);
    const r2 = run(sb, ops);
    expect(r2.events.filter((e) => e.type === 'gc.start')).toEqual([]);
    const manual = run(sb, [{ op: 'collect' }]).events.find((e) => e.type === 'gc.start');
    expect(manual).toMatchObject({ trigger: 'manual', generation: 2 });
  });
});

describe('DEBUG_SAVEALL, freeze', () => {
  it('DEBUG_SAVEALL keeps the garbage in gc.garbage', () => {
    // gc.set_debug(32); two self-loops; del; gc.collect(), len(gc.garbage) → 2 2
    const { sb } = fresh([{ op: 'gc', call: 'set_debug', flags: 32 }, ...selfLoop('a'), ...selfLoop('b'), { op: 'del', name: 'a' }, { op: 'del', name: 'b' }]);
    expect(collect(sb)).toBe(2);
    expect(sb.stats().garbage).toBe(2);
    expect(sb.stats().debug).toBe(32);
  });

  it('frozen objects are not collected until unfrozen', () => {
    // a = []; a.append(a); gc.freeze(); del a; gc.collect() → 0; gc.unfreeze(); gc.collect() → 1
    const { sb } = fresh([...selfLoop('a'), { op: 'gc', call: 'freeze' }, { op: 'del', name: 'a' }]);
    expect(sb.stats().frozen).toBeGreaterThan(0);
    expect(collect(sb)).toBe(0);
    run(sb, [{ op: 'gc', call: 'unfreeze' }]);
    expect(sb.stats().frozen).toBe(0);
    expect(collect(sb)).toBe(1);
  });
});

describe('weakrefs', () => {
  it('callbacks run after __del__, newest first', () => {
    // o = D(); w1 = weakref.ref(o, cb1); w2 = weakref.ref(o, cb2); del o → del o / cb2 / cb1
    const { sb } = fresh([D, ...inst('o'), { op: 'weakref', target: 'o', name: 'w1', callback: { print: 'cb1' } },
      { op: 'weakref', target: 'o', name: 'w2', callback: { print: 'cb2' } }]);
    expect(out(sb, [{ op: 'del', name: 'o' }])).toBe('del o\ncb2\ncb1\n');
  });

  it('the collector clears a weakref to a cycle member and runs its callback (before finalizers) only if the weakref is reachable', () => {
    // a.p = b; b.p = a; w = weakref.ref(a, cb); del a, b; gc.collect() → cb / del a / del b / 2
    const cycle: Op[] = [...inst('a'), ...inst('b'), { op: 'ref', from: 'a', attr: 'p', to: 'b' }, { op: 'ref', from: 'b', attr: 'p', to: 'a' }];
    const { sb } = fresh([D, ...cycle, { op: 'weakref', target: 'a', name: 'w', callback: { print: 'cb' } }, { op: 'del', name: 'a' }, { op: 'del', name: 'b' }]);
    const r = run(sb, [{ op: 'collect' }]).results[0]!;
    expect(r.stdout).toBe('cb\ndel a\ndel b\n');
    expect(r.unreachable).toBe(2);
    // the weakref stored inside the cycle (a.w = w; del w): no callback; 4 collected
    // (a, b, the weakref and its callback function)
    run(sb, [...cycle, { op: 'weakref', target: 'a', name: 'w', callback: { print: 'cb-inner' } }, { op: 'ref', from: 'a', attr: 'w', to: 'w' },
      { op: 'del', name: 'w' }, { op: 'del', name: 'a' }, { op: 'del', name: 'b' }]);
    const r2 = run(sb, [{ op: 'collect' }]).results[0]!;
    expect(r2.stdout).toBe('del a\ndel b\n');
    expect(r2.unreachable).toBe(4);
  });
});

describe('resurrection (PEP 442)', () => {
  it('a resurrected cycle is not collected; once dropped it is freed without a second finalizer', () => {
    // keep = []; class R: def __del__(self): print(...); keep.append(self)
    // a.p = b; b.p = a; del a, b; gc.collect() → resurrect a / resurrect b / 0
    // del keep; gc.collect() → 2 (no finalizer output)
    const { sb } = fresh([{ op: 'alloc', type: 'list', name: 'keep' }, { op: 'class', name: 'R', finalizer: { print: 'resurrect {name}', resurrect: 'keep' } },
      ...inst('a', 'a', 'R'), ...inst('b', 'b', 'R'), { op: 'ref', from: 'a', attr: 'p', to: 'b' }, { op: 'ref', from: 'b', attr: 'p', to: 'a' },
      { op: 'del', name: 'a' }, { op: 'del', name: 'b' }]);
    const r = run(sb, [{ op: 'collect' }]).results[0]!;
    expect(r.stdout).toBe('resurrect a\nresurrect b\n');
    expect(r.unreachable).toBe(0);
    expect(out(sb, [{ op: 'del', name: 'keep' }])).toBe('');
    const r2 = run(sb, [{ op: 'collect' }]).results[0]!;
    expect(r2.stdout).toBeUndefined();
    expect(r2.unreachable).toBe(2);
  });

  it('refcount resurrection: the finalizer runs once and the object lives on in keep', () => {
    // s = R(); del s → resurrect s; len(keep) → 1
    const { sb } = fresh([{ op: 'alloc', type: 'list', name: 'keep' }, { op: 'class', name: 'R', finalizer: { print: 'resurrect {name}', resurrect: 'keep' } }, ...inst('s', 's', 'R')]);
    const r = run(sb, [{ op: 'del', name: 's' }]);
    expect(r.results[0]!.stdout).toBe('resurrect s\n');
    expect(r.events.find((e) => e.type === 'finalizer')).toMatchObject({ resurrected: true });
    const keep = sb.runtime.lookup('keep') as unknown as { items: unknown[] };
    expect(keep.items.length).toBe(1);
    expect(out(sb, [{ op: 'del', name: 'keep' }])).toBe('');
  });
});
