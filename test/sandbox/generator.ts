/**
 * A seeded generator of random, valid op sequences for the differential and property
 * tests. It keeps its own model of what every name is bound to (kind, attributes, list
 * length, dict keys) so each op it emits is valid in Python — so the program the sandbox
 * exports runs in CPython to the end — and it decides nothing from the engine's state
 * (an engine change cannot change the programs, only their outcomes).
 *
 * Programs start with `gc.disable()` and a `gc.collect()` so neither automatic collection
 * nor interpreter garbage interferes with the numbers. They use:
 * - classes with and without finalizers (`del {name}`; some resurrect into `keep`);
 * - lists, dicts and instances (each instance gets a unique `name` attribute right away);
 * - attr links, appends, item and key stores, name rebinding; del of names, attrs, items,
 *   keys; getrefcount, getsizeof, collect 0/1/2; weakrefs with printing callbacks;
 * - function frames (`call` … `return`) whose locals die on return;
 * - optionally, a few intentionally failing ops at the very end.
 */
import { mulberry32 } from './helpers.js';
import type { Op, Target } from '../../sandbox/ops.js';

type Kind = 'list' | 'dict' | 'instance' | 'class' | 'weakref';

interface Obj {
  kind: Kind;
  /** instance: attribute names set (besides `name`); class: finalizer kind. */
  attrs: Set<string>;
  /** list: current length. */
  len: number;
  /** dict: keys present. */
  keys: Set<string | number>;
  finalizer?: 'none' | 'print' | 'resurrect';
}

const GLOBAL_NAMES = ['a', 'b', 'c', 'd', 'e', 'g'];
const LOCAL_NAMES = ['x', 'y', 'z'];
const CLASS_NAMES = ['A', 'B', 'K'];
const WEAKREF_GLOBALS = ['w', 'v'];
const WEAKREF_LOCALS = ['u'];
const ATTRS = ['p', 'q', 'r'];
const KEYS: Array<string | number> = ['k1', 'k2', 'k3', 1000, 1001];

export interface Generated {
  ops: Op[];
}

export interface GenOptions {
  minOps?: number;
  maxOps?: number;
  /** Allow a few failing ops at the end (default true). */
  failures?: boolean;
}

export function generate(seed: number, opts: GenOptions = {}): Op[] {
  const rnd = mulberry32(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const chance = (p: number): boolean => rnd() < p;

  const minOps = opts.minOps ?? 20;
  const maxOps = opts.maxOps ?? 80;
  const target = minOps + int(maxOps - minOps + 1);

  const ops: Op[] = [{ op: 'gc', call: 'disable' }, { op: 'collect' }];
  const globals = new Map<string, Obj>();
  let frame: Map<string, Obj> | null = null;
  let labels = 0;
  let keepAlive = false;

  const scope = (): Map<string, Obj> => frame ?? globals;
  /** Names readable here (locals shadow globals) with their objects. */
  const visible = (): Array<[string, Obj]> => {
    const m = new Map(globals);
    if (frame) for (const [k, v] of frame) m.set(k, v);
    return [...m.entries()];
  };
  const visibleOf = (...kinds: Kind[]): Array<[string, Obj]> => visible().filter(([, o]) => kinds.includes(o.kind));
  const objNames = (): string[] => (frame ? LOCAL_NAMES : GLOBAL_NAMES);
  const wrNames = (): string[] => (frame ? WEAKREF_LOCALS : WEAKREF_GLOBALS);
  const newObj = (kind: Kind): Obj => ({ kind, attrs: new Set(), len: 0, keys: new Set() });

  const steps: Array<[number, () => boolean]> = [
    // class (module level only)
    [3, () => {
      if (frame) return false;
      const name = pick(CLASS_NAMES);
      const r = rnd();
      const fin = r < 0.35 ? 'none' : r < 0.85 ? 'print' : 'resurrect';
      if (fin === 'resurrect' && !keepAlive) {
        ops.push({ op: 'alloc', type: 'list', name: 'keep' });
        keepAlive = true;
      }
      const op: Op = { op: 'class', name };
      if (fin === 'print') op.finalizer = { print: 'del {name}' };
      if (fin === 'resurrect') op.finalizer = { print: 'resurrect {name}', resurrect: 'keep' };
      ops.push(op);
      const o = newObj('class');
      o.finalizer = fin;
      globals.set(name, o);
      return true;
    }],
    // alloc instance, then give it its unique name attribute
    [6, () => {
      const classes = visibleOf('class').filter(([n]) => CLASS_NAMES.includes(n));
      if (classes.length === 0) return false;
      const [cls] = pick(classes);
      const name = pick(objNames());
      const label = `${cls}${++labels}`;
      ops.push({ op: 'alloc', type: 'instance', class: cls, name });
      ops.push({ op: 'ref', from: name, attr: 'name', value: label });
      scope().set(name, newObj('instance'));
      return true;
    }],
    // alloc list / dict, sometimes with items
    [5, () => {
      const name = pick(objNames());
      const vis = visibleOf('list', 'dict', 'instance');
      if (chance(0.5)) {
        const items: Array<Target | { value: string | number }> = [];
        const n = int(4);
        for (let i = 0; i < n; i++) items.push(vis.length > 0 && chance(0.6) ? pick(vis)[0] : { value: pick([1, 2, 'txt', 3000]) });
        ops.push({ op: 'alloc', type: 'list', name, ...(items.length ? { items } : {}) });
        const o = newObj('list');
        o.len = items.length;
        scope().set(name, o);
      } else {
        const items: Array<Target | { value: string | number }> = [];
        const o = newObj('dict');
        const n = int(3);
        for (let i = 0; i < n; i++) {
          const k = pick(KEYS);
          if (o.keys.has(k)) continue;
          o.keys.add(k);
          items.push({ value: k }, vis.length > 0 && chance(0.6) ? pick(vis)[0] : { value: 7 });
        }
        ops.push({ op: 'alloc', type: 'dict', name, ...(items.length ? { items } : {}) });
        scope().set(name, o);
      }
      return true;
    }],
    // attr link x.p = y (or a constant)
    [8, () => {
      const insts = visibleOf('instance');
      const vis = visibleOf('list', 'dict', 'instance', 'class');
      if (insts.length === 0 || vis.length === 0) return false;
      const [from, fo] = pick(insts);
      const attr = pick(ATTRS);
      if (chance(0.15)) ops.push({ op: 'ref', from, attr, value: pick([5, 'str', null]) });
      else ops.push({ op: 'ref', from, attr, to: pick(vis)[0] });
      fo.attrs.add(attr);
      return true;
    }],
    // append to a list
    [6, () => {
      const lists = visibleOf('list');
      const vis = visibleOf('list', 'dict', 'instance', 'class');
      if (lists.length === 0 || vis.length === 0) return false;
      const [from, lo] = pick(lists);
      ops.push({ op: 'ref', from, append: true, to: pick(vis)[0] });
      lo.len++;
      return true;
    }],
    // l[i] = y
    [2, () => {
      const lists = visibleOf('list').filter(([, o]) => o.len > 0);
      const vis = visibleOf('list', 'dict', 'instance');
      if (lists.length === 0 || vis.length === 0) return false;
      const [from, lo] = pick(lists);
      ops.push({ op: 'ref', from, index: int(lo.len) - (chance(0.3) ? lo.len : 0), to: pick(vis)[0] });
      return true;
    }],
    // d[k] = y
    [5, () => {
      const dicts = visibleOf('dict');
      const vis = visibleOf('list', 'dict', 'instance', 'class');
      if (dicts.length === 0 || vis.length === 0) return false;
      const [from, d] = pick(dicts);
      const key = pick(KEYS);
      ops.push({ op: 'ref', from, key, to: pick(vis)[0] });
      d.keys.add(key);
      return true;
    }],
    // name rebinding b = a
    [4, () => {
      const vis = visibleOf('list', 'dict', 'instance');
      if (vis.length === 0) return false;
      const [to, o] = pick(vis);
      const name = pick(objNames());
      ops.push({ op: 'ref', name, to });
      scope().set(name, o);
      return true;
    }],
    // del name (only names of the current scope)
    [6, () => {
      const names = [...scope().entries()].filter(([n]) => !(frame === null && n === 'keep'));
      if (names.length === 0) return false;
      const [name, o] = pick(names);
      if (o.kind === 'class' && chance(0.6)) return false;
      ops.push({ op: 'del', name });
      scope().delete(name);
      return true;
    }],
    // del x.attr
    [3, () => {
      const insts = visibleOf('instance').filter(([, o]) => o.attrs.size > 0);
      if (insts.length === 0) return false;
      const [from, o] = pick(insts);
      const attr = pick([...o.attrs]);
      ops.push({ op: 'del', from, attr });
      o.attrs.delete(attr);
      return true;
    }],
    // del l[i]
    [2, () => {
      const lists = visibleOf('list').filter(([, o]) => o.len > 0);
      if (lists.length === 0) return false;
      const [from, lo] = pick(lists);
      ops.push({ op: 'del', from, index: int(lo.len) });
      lo.len--;
      return true;
    }],
    // del d[k]
    [3, () => {
      const dicts = visibleOf('dict').filter(([, o]) => o.keys.size > 0);
      if (dicts.length === 0) return false;
      const [from, d] = pick(dicts);
      const key = pick([...d.keys]);
      ops.push({ op: 'del', from, key });
      d.keys.delete(key);
      return true;
    }],
    // getrefcount
    [7, () => {
      const vis = visible().filter(([n]) => n !== 'keep');
      if (vis.length === 0) return false;
      ops.push({ op: 'getrefcount', target: pick(vis)[0] });
      return true;
    }],
    // getsizeof
    [4, () => {
      const vis = visibleOf('list', 'dict', 'instance');
      if (vis.length === 0) return false;
      ops.push({ op: 'getsizeof', target: pick(vis)[0] });
      return true;
    }],
    // collect
    [6, () => {
      const r = rnd();
      ops.push(r < 0.2 ? { op: 'collect', generation: 0 } : r < 0.35 ? { op: 'collect', generation: 1 } : r < 0.5 ? { op: 'collect', generation: 2 } : { op: 'collect' });
      return true;
    }],
    // weakref with a printing callback (only ever bound to names: never part of garbage)
    [3, () => {
      const vis = visibleOf('instance', 'class');
      if (vis.length === 0) return false;
      const name = pick(wrNames());
      const op: Op = { op: 'weakref', target: pick(vis)[0], name };
      if (chance(0.8)) op.callback = { print: `cb ${name}${++labels}` };
      ops.push(op);
      scope().set(name, newObj('weakref'));
      return true;
    }],
    // resurrection list: drop it (what it holds dies without a second finalizer)
    [1, () => {
      if (frame || !keepAlive || !globals.has('keep')) return false;
      ops.push({ op: 'del', name: 'keep' });
      ops.push({ op: 'alloc', type: 'list', name: 'keep' });
      return true;
    }],
    // enter a function (module level only), with 0-2 parameters
    [2, () => {
      if (frame) return false;
      const vis = visibleOf('list', 'dict', 'instance');
      const args: Record<string, string> = {};
      const locals = new Map<string, Obj>();
      const n = vis.length === 0 ? 0 : int(3);
      for (let i = 0; i < n; i++) {
        const [t, o] = pick(vis);
        args[LOCAL_NAMES[i]!] = t;
        locals.set(LOCAL_NAMES[i]!, o);
      }
      ops.push({ op: 'call', function: 'fn', ...(n > 0 ? { args } : {}) });
      frame = locals;
      return true;
    }],
    // return (sometimes with a value bound at module level)
    [3, () => {
      if (!frame) return false;
      leave();
      return true;
    }],
  ];

  const leave = (): void => {
    const f = frame!;
    const vals = [...f.entries()].filter(([, o]) => o.kind !== 'weakref');
    if (vals.length > 0 && chance(0.4)) {
      const [value, o] = pick(vals);
      const name = pick(GLOBAL_NAMES);
      ops.push({ op: 'return', value, name });
      frame = null;
      globals.set(name, o);
    } else {
      ops.push({ op: 'return' });
      frame = null;
    }
  };

  const total = steps.reduce((s, [w]) => s + w, 0);
  while (ops.length < target) {
    let r = rnd() * total;
    let step = steps[0]![1];
    for (const [w, f] of steps) {
      r -= w;
      if (r < 0) {
        step = f;
        break;
      }
    }
    step();
  }
  if (frame) leave();
  ops.push({ op: 'collect' });

  if (opts.failures !== false && chance(0.3)) {
    const r = rnd();
    const insts = visibleOf('instance');
    const dicts = visibleOf('dict');
    const lists = visibleOf('list');
    if (r < 0.25) ops.push({ op: 'getrefcount', target: 'nosuch' });
    else if (r < 0.5 && insts.length > 0) ops.push({ op: 'del', from: pick(insts)[0], attr: 'missing' });
    else if (r < 0.75 && dicts.length > 0) ops.push({ op: 'del', from: pick(dicts)[0], key: 'missing' });
    else if (lists.length > 0) ops.push({ op: 'del', from: pick(lists)[0], index: 50 });
    else ops.push({ op: 'del', name: 'nosuch' });
  }
  return ops;
}
