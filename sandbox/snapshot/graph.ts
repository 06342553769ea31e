/**
 * The sandbox's state as an object graph: how the snapshot codec walks it, and what it
 * calls each object.
 *
 * A sandbox is a graph of JavaScript objects hanging off its runtime: the heap and its
 * PyObjects, the interpreter and machine, frames, code, tables. Most of it is plain data
 * a walk can read. Three kinds of thing are not, and a snapshot names them instead of
 * copying them:
 *
 * - **Shared objects** (objects.ts makeShared: None, small ints, builtin types, start-up
 *   strs) belong to the process, not the sandbox: named by their shared key, the same in
 *   every process. Process-wide JS values a fresh sandbox reaches that are not PyObjects
 *   (tables, the builtin types' natives) are named by the order a fresh sandbox's walk
 *   first meets them ({@link sharedIndex}).
 * - **Baseline objects**: what the sandbox was built with before it ran anything — the
 *   runtime, the builtins and their native functions. Natives are JavaScript closures over
 *   the runtime; no encoding can carry one. But building a sandbox is deterministic, so a
 *   fresh sandbox built the same way has the same baseline in the same walk order: a
 *   snapshot names a baseline object by its position ({@link numberBaseline}) and restoring
 *   writes the recorded state into the fresh sandbox's object at that position, keeping the
 *   closures (which close over the fresh sandbox's own runtime) as they are.
 * - **Module exports**: a class's prototype or a module-level function, named `file:export`.
 *
 * Everything else is copied. A function that is none of these (a closure made after the
 * baseline) has hidden state a walk cannot see, so the encoder refuses the snapshot rather
 * than guess.
 *
 * Invariant: the walk order depends only on the graph — own keys in insertion order,
 * array slots, Map and Set entries in insertion order, breadth first from the roots — so
 * two sandboxes built the same way are walked the same way.
 */
import { Heap } from '../heap.js';
import { PyObject, SHARED, SHARED_SHIFT, sharedNameOf } from '../objects.js';
import { keyFilterOf, registeredModules, registeredSideTables, type SideTable } from './tables.js';

/** Values the walk follows into (objects and functions). */
export type Ref = object;

export const isRef = (v: unknown): v is Ref => (typeof v === 'object' && v !== null) || typeof v === 'function';

/** Whether `o` is a process-wide PyObject (a shared one with a slot: objects.ts makeShared). */
export function isSharedPyObject(o: object): boolean {
  return o instanceof PyObject && (o.gcFlags & SHARED) !== 0 && o.gcFlags >>> SHARED_SHIFT > 0;
}

/** The name of a process-wide PyObject (objects.ts sharedNameOf), else undefined. */
export function sharedKeyOf(o: object): string | undefined {
  return isSharedPyObject(o) ? sharedNameOf(o as PyObject) : undefined;
}

/** The typed arrays the codec copies, by name. */
export const TYPED_ARRAYS: Record<string, { new(n: number): ArrayLike<number> & { set(a: ArrayLike<number>): void } }> = {
  Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array,
};

/** The typed array's constructor name when `o` is one the codec copies. */
export function typedArrayName(o: object): string | undefined {
  if (!ArrayBuffer.isView(o) || o instanceof DataView) return undefined;
  const name = o.constructor.name;
  return name in TYPED_ARRAYS ? name : undefined;
}

/**
 * Every value `o` holds, in walk order. Functions are leaves (their state is not
 * visible); a frozen object is walked like any other.
 */
export function forEachChild(o: object, visit: (v: unknown) => void): void {
  if (typeof o === 'function' || ArrayBuffer.isView(o)) return;
  if (Array.isArray(o)) {
    for (let i = 0; i < o.length; i++) visit(o[i]);
    return;
  }
  if (o instanceof Map) {
    for (const [k, v] of o) {
      visit(k);
      visit(v);
    }
  } else if (o instanceof Set) {
    for (const v of o) visit(v);
  }
  const heap = o instanceof Heap;
  for (const k of Object.keys(o)) {
    // A heap's shared counts are by slot, which is per process: the codec writes them by name.
    if (heap && k === 'sharedCounts') continue;
    visit((o as Record<string, unknown>)[k]);
  }
}

/**
 * A breadth-first walk from `roots`, numbering every object and function in the order it
 * is first met. `stop(o)` makes `o` a leaf (numbered, not entered). The registered side
 * tables and any WeakMap or WeakSet met on the way are asked about every entered object;
 * an entry's value is walked as if the key held it (`entries` lists them for the encoder).
 */
export class Walk {
  readonly order: Ref[] = [];
  readonly index = new Map<Ref, number>();
  /** Side-table entries found: [table, key, value]. */
  readonly entries: Array<[SideTable, Ref, unknown]> = [];
  /** Weak tables met as values (a WeakMap field of an object): asked like the registered ones. */
  readonly weakTables: SideTable[] = [];

  constructor(private readonly stop: (o: Ref) => boolean) {}

  private add = (v: unknown): void => {
    if (!isRef(v) || this.index.has(v)) return;
    this.index.set(v, this.order.length);
    this.order.push(v);
    if (v instanceof WeakMap || v instanceof WeakSet) this.weakTables.push(v);
  };

  run(roots: readonly unknown[]): this {
    for (const r of roots) this.add(r);
    const tables: Array<{ t: SideTable; from: number; mayHold: ((o: object) => boolean) | undefined }> =
      [...registeredSideTables().values()].map((t) => ({ t, from: 0, mayHold: keyFilterOf(t) }));
    let entered = 0;
    for (;;) {
      for (; entered < this.order.length; entered++) {
        const o = this.order[entered]!;
        if (typeof o === 'function' || this.stop(o)) continue;
        forEachChild(o, this.add);
      }
      // Weak tables met since the last round are asked about everything walked so far.
      while (tables.length < registeredSideTables().size + this.weakTables.length) {
        tables.push({ t: this.weakTables[tables.length - registeredSideTables().size]!, from: 0, mayHold: undefined });
      }
      let grew = false;
      for (const entry of tables) {
        for (; entry.from < this.order.length; entry.from++) {
          const k = this.order[entry.from]!;
          if (typeof k === 'function' || (entry.mayHold && !entry.mayHold(k)) || this.stop(k) || !entry.t.has(k)) continue;
          const v = entry.t instanceof WeakMap ? entry.t.get(k) : undefined;
          this.entries.push([entry.t, k, v]);
          this.add(v);
          grew = true;
        }
      }
      if (!grew && entered === this.order.length) return this;
    }
  }
}

/**
 * The baseline of a sandbox: every object and function reachable from its roots when it
 * was built, in walk order, shared objects excluded. Taken before the sandbox runs anything.
 */
export function numberBaseline(roots: readonly unknown[]): Ref[] {
  const shared = sharedIndex();
  const w = new Walk((o) => isShared(o, shared)).run(roots);
  return w.order.filter((o) => !isShared(o, shared));
}

function isShared(o: Ref, shared: ReadonlyMap<Ref, number>): boolean {
  return isSharedPyObject(o) || shared.has(o);
}

/** What builds a fresh sandbox's roots (set by sandbox.ts: graph.ts cannot import it). */
let freshRoots: (() => unknown[]) | null = null;
export function setFreshRoots(make: () => unknown[]): void {
  freshRoots = make;
}

let shared: Map<Ref, number> | null = null;

/**
 * The process-wide values a sandbox reaches that are not shared PyObjects (the builtin
 * types' tables and natives, module-level constants): what two fresh sandboxes both reach,
 * numbered in the order a walk of a third first meets them without entering them. Made
 * once per process; the numbering depends only on how sandboxes are built, so it is the
 * same in every process running this build.
 */
export function sharedIndex(): ReadonlyMap<Ref, number> {
  if (shared) return shared;
  if (!freshRoots) throw new Error('snapshot: no sandbox builder registered');
  const whole = (roots: unknown[]) => new Walk((o) => isSharedPyObject(o)).run(roots).index;
  const a = whole(freshRoots());
  const b = whole(freshRoots());
  const both = new Set<Ref>();
  for (const o of a.keys()) if (b.has(o) && !isSharedPyObject(o)) both.add(o);
  const order = new Walk((o) => isSharedPyObject(o) || both.has(o)).run(freshRoots()).order;
  shared = new Map();
  for (const o of order) if (both.has(o)) shared.set(o, shared.size);
  return shared;
}

/** Module exports by value (classes' prototypes and module-level functions), named `file:export`. */
let exportNames: Map<Ref | symbol, string> | null = null;
let exportValues: Map<string, Ref | symbol> | null = null;

function buildExports(): void {
  exportNames = new Map();
  exportValues = new Map();
  for (const [file, ns] of registeredModules()) {
    for (const [name, v] of Object.entries(ns)) {
      if (typeof v !== 'function' && typeof v !== 'symbol') continue;
      const key = `${file}:${name}`;
      const target: Ref | symbol = isClass(v) ? (v as { prototype: object }).prototype : v as Ref | symbol;
      if (!exportNames.has(target)) exportNames.set(target, key);
      exportValues.set(key, target);
    }
  }
}

const isClass = (f: unknown): boolean => typeof f === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(f));

/** The export name of a class prototype, module-level function or exported symbol, if it is one. */
export function exportName(v: Ref | symbol): string | undefined {
  if (!exportNames) buildExports();
  return exportNames!.get(v);
}

export function exportValue(key: string): Ref | symbol | undefined {
  if (!exportValues) buildExports();
  return exportValues!.get(key);
}

/** The name of a registered side table, or undefined for one met as a field. */
export function sideTableName(t: SideTable): string | undefined {
  for (const [name, table] of registeredSideTables()) if (table === t) return name;
  return undefined;
}
