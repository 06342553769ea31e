/**
 * "Why is this alive": the shortest labelled chain of strong references from a root to an
 * object, or the answer that no root reaches it (it waits for the collector).
 *
 * Roots, in the order a reader thinks of them: module globals (by name), the locals of the
 * JSON ops' call frames, `gc.garbage`, `gc.callbacks`, then whatever else the interpreter
 * holds (compiled constants, interned names: the heap's other root providers). From there
 * the search follows *every* strong reference — `traverse`, the one owner the collector,
 * gc.get_referents and gc.get_referrers use — untracked tuples and dicts, cells, frames,
 * bound methods and an instance's class alike, named by references.ts.
 *
 * Invariants: the search is breadth first over the named roots at once, so the chain is a
 * shortest one from a name (ties go to the earlier root, then the earlier reference); only
 * when no name reaches the object does it go on from what the interpreter alone holds; it examines at most
 * `budget` references, checked before each, and says `unknown` when the budget ran out
 * before it could answer. Read-only: no refcount or event changes.
 */
import type { Heap } from './heap.js';
import { hexId } from './heap.js';
import { GC_FINALIZED, SHARED, PyDict, PyObject, PyStr } from './objects.js';
import type { SandboxRuntime } from './runtime.js';
import { label, labelledReferences } from './queries.js';

export type RootKind = 'global' | 'local' | 'gc.garbage' | 'gc.callbacks' | 'interpreter';

/** How the first object of a chain is held. */
export interface PathRoot {
  kind: RootKind;
  /** The name (global or local), `gc.garbage` / `gc.callbacks`, or `interpreter`. */
  name: string;
  /** The frame of a local (the module's globals are `<module>`). */
  frame: string;
}

/** One object of a chain; `via` is the reference from the previous object (null: the root's own object). */
export interface PathLink {
  id: string;
  type: string;
  label: string;
  via: string | null;
}

export interface AlivePath {
  id: string;
  /**
   * reachable: `root` and `chain` say why. unreachable: no root reaches it — only objects
   * the collector can still free hold it (`referrers`). unknown: the budget ran out first.
   */
  status: 'reachable' | 'unreachable' | 'unknown';
  root: PathRoot | null;
  /** From the root's object to the target (the target last). Empty unless reachable. */
  chain: PathLink[];
  /** A Python expression evaluating to the object, when every step has one (`a.next[0]`). */
  expression: string | null;
  /** Unreachable: the objects holding it directly, each with the reference's name (at most 16). */
  referrers: Array<{ id: string; type: string; via: string }>;
  /** Whether the collector tracks it, its generation, whether its finalizer ran. */
  tracked: boolean;
  generation: number | 'permanent' | null;
  finalized: boolean;
  /** References examined. */
  examined: number;
  /** What the answer means, in a sentence. */
  reason: string;
}

interface Seed {
  root: PathRoot;
  o: PyObject;
}

/** The roots with their names, in reading order (see the module comment). */
function* rootSeeds(rt: SandboxRuntime): Generator<Seed, void, undefined> {
  for (const [k, v] of rt.globals.entries()) {
    if (k instanceof PyStr) yield { root: { kind: 'global', name: k.value, frame: '<module>' }, o: v };
  }
  for (const f of rt.frames) for (const [name, v] of f.locals) yield { root: { kind: 'local', name, frame: f.name }, o: v };
  yield { root: { kind: 'gc.garbage', name: 'gc.garbage', frame: '<module>' }, o: rt.heap.garbage };
  yield { root: { kind: 'gc.callbacks', name: 'gc.callbacks', frame: '<module>' }, o: rt.heap.callbacks };
  for (const p of rt.heap.objects.rootProviders) {
    for (const o of p.roots()) yield { root: { kind: 'interpreter', name: 'interpreter', frame: '<module>' }, o };
  }
}

/**
 * Every reference of `o` with its name: the graph's labelled references, plus the keys of a
 * dict the graph leaves out (str and int keys are references too: a key can be what is alive).
 */
function* pathReferences(o: PyObject): Generator<[string, PyObject], void, undefined> {
  yield* labelledReferences(o);
  if (o instanceof PyDict) for (const [k] of o.entries()) if (!k.type.isGc) yield [`<key ${label(k)}>`, k];
}

/** What a parent pointer records: the previous object and the reference's name, or the root. */
type Step = { from: PyObject; via: string } | { root: PathRoot };

const MAX_REFERRERS = 16;
/** Accessor syntax Python can evaluate: `.name`, `[int]`, `['str']` (no truncated labels). */
const ACCESSOR = /^(\.[A-Za-z_][A-Za-z0-9_]*|\[-?\d+\]|\['[^'\\]*'\])$/;

/** Why `target` is alive, examining at most `budget` references. */
export function whyAlive(rt: SandboxRuntime, target: PyObject, budget: number): AlivePath {
  const heap = rt.heap;
  const base = {
    id: hexId(target.addr), tracked: target.isTracked, generation: heap.generationOf(target),
    finalized: (target.gcFlags & GC_FINALIZED) !== 0,
  };
  const parent = new Map<PyObject, Step>();
  const queue: PyObject[] = [];
  const enqueue = (o: PyObject, step: Step): void => {
    if (o.gcFlags & SHARED || parent.has(o)) return;
    parent.set(o, step);
    queue.push(o);
  };
  // Named roots first; what only the interpreter holds is searched when no name reaches it.
  const seeds = [...rootSeeds(rt)];
  const named = seeds.filter((s) => s.root.kind !== 'interpreter');
  let interpreterSeeds: Seed[] | null = seeds.filter((s) => s.root.kind === 'interpreter');
  for (const s of named) enqueue(s.o, { root: s.root });
  let examined = 0;
  let found = parent.has(target);
  for (let qi = 0; !found; qi++) {
    if (qi === queue.length && interpreterSeeds !== null) {
      for (const s of interpreterSeeds) enqueue(s.o, { root: s.root });
      interpreterSeeds = null;
      found = parent.has(target);
      if (found) break;
    }
    if (qi >= queue.length) break;
    const o = queue[qi]!;
    for (const [via, r] of pathReferences(o)) {
      if (examined >= budget) {
        return { ...base, status: 'unknown', root: null, chain: [], expression: null, referrers: [], examined,
          reason: `the search examined ${examined} references (its budget) without reaching the object` };
      }
      examined++;
      enqueue(r, { from: o, via });
      if (r === target) {
        found = true;
        break;
      }
    }
  }
  if (found) return { ...base, ...chainTo(target, parent), referrers: [], examined };
  const held = unreachableReferrers(heap, target, parent, budget - examined);
  examined += held.examined;
  if (held.exhausted) {
    return { ...base, status: 'unknown', root: null, chain: [], expression: null, referrers: held.referrers, examined,
      reason: `no root reaches the object; looking for what holds it examined ${examined} references (its budget) before it could finish` };
  }
  return {
    ...base, status: 'unreachable', root: null, chain: [], expression: null, referrers: held.referrers, examined,
    reason: target.isTracked || held.referrers.length > 0
      ? 'no root reaches the object: only objects no root reaches hold it (a cycle awaiting the collector)'
      : 'no root reaches the object and nothing holds it',
  };
}

/** The chain from the root to `target`, read back along the parent pointers. */
function chainTo(target: PyObject, parent: Map<PyObject, Step>): Pick<AlivePath, 'status' | 'root' | 'chain' | 'expression' | 'reason'> {
  const chain: PathLink[] = [];
  let root: PathRoot | null = null;
  for (let o: PyObject | null = target; o !== null;) {
    const step: Step = parent.get(o)!;
    const link = { id: hexId(o.addr), type: o.type.name, label: label(o) };
    if ('root' in step) {
      chain.push({ ...link, via: null });
      root = step.root;
      o = null;
    } else {
      chain.push({ ...link, via: step.via });
      o = step.from;
    }
  }
  chain.reverse();
  const r = root!;
  const steps = chain.slice(1).map((l) => l.via!);
  const expression = r.kind !== 'interpreter' && steps.every((s) => ACCESSOR.test(s)) ? r.name + steps.join('') : null;
  const held = r.kind === 'global' ? `the global name ${r.name}` : r.kind === 'local' ? `the local name ${r.name} of ${r.frame}`
    : r.kind === 'interpreter' ? 'the interpreter (compiled constants, interned names)' : r.name;
  return {
    status: 'reachable', root: r, chain, expression,
    reason: chain.length === 1 ? `${held} holds it` : `${held} holds it through ${chain.length - 1} reference${chain.length > 2 ? 's' : ''}`,
  };
}

/**
 * Objects no root reaches that hold `target` directly: a walk from the tracked objects the
 * root search did not reach (`reached`), in the collector's list order, within `budget`
 * references. `exhausted`: the budget ran out first (the list may be incomplete).
 */
function unreachableReferrers(heap: Heap, target: PyObject, reached: Map<PyObject, Step>, budget: number): {
  referrers: AlivePath['referrers']; examined: number; exhausted: boolean;
} {
  const referrers: AlivePath['referrers'] = [];
  const seen = new Set<PyObject>();
  const stack: PyObject[] = [];
  const heads: PyObject[] = [...heap.generations.map((g) => g.head), heap.permanent];
  for (const h of heads) {
    for (let o = h.gcNext!; o !== h; o = o.gcNext!) {
      if (!reached.has(o) && !seen.has(o)) {
        seen.add(o);
        stack.push(o);
      }
    }
  }
  let examined = 0;
  while (stack.length > 0 && referrers.length < MAX_REFERRERS) {
    const o = stack.pop()!;
    for (const [via, r] of pathReferences(o)) {
      if (examined >= budget) return { referrers, examined, exhausted: true };
      examined++;
      if (r === target) referrers.push({ id: hexId(o.addr), type: o.type.name, via });
      if (r.gcFlags & SHARED || seen.has(r) || reached.has(r)) continue;
      seen.add(r);
      stack.push(r);
    }
  }
  return { referrers, examined, exhausted: false };
}
