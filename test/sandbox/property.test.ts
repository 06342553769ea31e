/**
 * Property tests (fast-check) over random op programs (generator.ts, seeds drawn by
 * fast-check): after every op,
 *   (a) every object's refcount equals its incoming strong references — from container
 *       slots, attributes, instances' classes, classes' dicts/mro/bases, frames' locals —
 *       plus the owners outside the object graph: the module holds its globals dict, the heap
 *       and the gc module each hold gc.garbage and gc.callbacks, the interning table each interned name, and a
 *       class's base the class's subclass-registry weakref;
 *   (a') every shared object (None, small ints, one-character strs, ...) is counted in the
 *       heap's table exactly as often as the sandbox references it;
 *   (b) nothing reachable has been freed;
 * and (c) after deleting every name and one full collection, only the runtime's fixed
 * objects are left.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox/sandbox.js';
import type { Op } from '../../sandbox/ops.js';
import { SHARED, PyDict, PyObject, PyType, sharedSlot } from '../../sandbox/objects.js';
import { generate } from './generator.js';

function interned(sb: Sandbox): Map<string, PyObject> {
  return (sb.runtime as unknown as { interned: Map<string, PyObject> }).interned;
}

/** Every strong reference an object holds (dicts: keys too, which traverse may skip). */
function refsOf(o: PyObject): PyObject[] {
  const out: PyObject[] = [];
  if (o instanceof PyDict) {
    for (const [k, v] of o.entries()) out.push(k, v);
  } else {
    o.traverse((r) => out.push(r));
  }
  return out;
}

/** Owners outside the object graph, and the frames' locals. */
function externalRefs(sb: Sandbox): PyObject[] {
  const rt = sb.runtime;
  // gc.garbage and gc.callbacks: the heap's own reference plus the gc module's attribute.
  const out: PyObject[] = [rt.globals, rt.heap.garbage, rt.heap.garbage, rt.heap.callbacks, rt.heap.callbacks, ...interned(sb).values()];
  for (const f of rt.frames) out.push(...f.locals.values());
  return out;
}

/** Everything reachable from the roots and the collector's lists, following refsOf. */
function reachable(sb: Sandbox): Set<PyObject> {
  const heap = sb.runtime.heap;
  const seen = new Set<PyObject>();
  const stack: PyObject[] = [];
  const push = (o: PyObject): void => {
    if (o.gcFlags & SHARED || seen.has(o)) return;
    seen.add(o);
    stack.push(o);
  };
  externalRefs(sb).forEach(push);
  for (const h of [...heap.generations.map((g) => g.head), heap.permanent]) {
    for (let o = h.gcNext!; o !== h; o = o.gcNext!) push(o);
  }
  while (stack.length > 0) {
    const o = stack.pop()!;
    refsOf(o).forEach(push);
    if (o instanceof PyType && o.subclassRef) push(o.subclassRef);
  }
  return seen;
}

function checkInvariants(sb: Sandbox, where: string): void {
  const objs = reachable(sb);
  const incoming = new Map<PyObject, number>();
  const shared = new Map<number, number>();
  const add = (o: PyObject): void => {
    if (o.gcFlags & SHARED) {
      const slot = sharedSlot(o);
      if (slot !== 0) shared.set(slot, (shared.get(slot) ?? 0) + 1);
      return;
    }
    incoming.set(o, (incoming.get(o) ?? 0) + 1);
  };
  externalRefs(sb).forEach(add);
  for (const o of objs) {
    refsOf(o).forEach(add);
    if (o instanceof PyType && o.subclassRef) add(o.subclassRef);
  }
  const wrong: string[] = [];
  for (const o of objs) {
    // (b) nothing reachable is freed
    if (o.refcnt <= 0) wrong.push(`${where}: freed ${o.type.name} at 0x${o.addr.toString(16)} is reachable`);
    // (a) refcount = incoming references
    const n = incoming.get(o) ?? 0;
    if (o.refcnt !== n) wrong.push(`${where}: ${o.type.name} at 0x${o.addr.toString(16)} has refcount ${o.refcnt}, ${n} references`);
  }
  // (a') each shared object (None, small ints, ...) is counted in the heap's table exactly as
  // often as the sandbox references it
  const counts = sb.runtime.heap.sharedCounts;
  for (let slot = 1; slot < counts.length; slot++) {
    const n = shared.get(slot) ?? 0;
    if (counts[slot] !== n) wrong.push(`${where}: shared slot ${slot} counted ${counts[slot]}, ${n} references`);
  }
  // the heap's live count agrees with what is reachable
  if (sb.objectCount !== objs.size) wrong.push(`${where}: objectCount ${sb.objectCount}, reachable ${objs.size}`);
  expect(wrong.slice(0, 5)).toEqual([]);
}

const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });

describe('heap invariants over random op programs', () => {
  it('(a)+(b) after every op: refcounts equal incoming references; nothing reachable is freed', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const sb = new Sandbox();
        const ops = generate(seed);
        ops.forEach((op, i) => {
          sb.apply([op]);
          checkInvariants(sb, `seed ${seed} op ${i} ${JSON.stringify(op)}`);
        });
      }),
      { numRuns: 150, seed: 20240611 },
    );
  });

  it('(c) deleting every name, then one full collection, leaves only the fixed objects', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const sb = new Sandbox();
        sb.apply(generate(seed, { failures: false }));
        expect(sb.runtime.frames.length).toBe(0);
        const names = Object.keys(sb.names()[0]!.names);
        const dels: Op[] = names.map((name) => ({ op: 'del', name }));
        expect(sb.apply([...dels, { op: 'collect' }]).error).toBeNull();
        checkInvariants(sb, `seed ${seed} end`);
        // the globals dict, gc.garbage, gc.callbacks and the interned names (but the
        // one-character ones, which are the shared strs)
        const own = [...interned(sb).values()].filter((o) => !(o.gcFlags & SHARED));
        expect(sb.objectCount).toBe(3 + own.length);
        expect(sb.stats().garbage).toBe(0);
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('replay of a random log rebuilds the same heap', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const sb = new Sandbox();
        sb.apply(generate(seed));
        const again = Sandbox.replay(sb.log());
        expect(again.stats()).toEqual(sb.stats());
        expect(again.graph()).toEqual(sb.graph());
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});
