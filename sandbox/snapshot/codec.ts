/**
 * Encoding a sandbox's object graph (graph.ts) as JSON, and writing it back into a fresh
 * sandbox built the same way.
 *
 * A value is written as itself when JSON carries it exactly (a finite number other than
 * -0, a string, a boolean, null); anything else is a small array whose first element says
 * what it is ({@link V}). An object is one of:
 * - a copied object: its record in `objects` (class, then its fields; or an array's slots,
 *   a Map's entries, a Set's values, a typed array's numbers);
 * - a baseline object: its position in the baseline, with its record in `baseline` (the
 *   state to write into the fresh sandbox's object there);
 * - a shared object, by shared key or by shared index; a module export, by name.
 *
 * Two pieces of state are not in any object's fields and are written separately:
 * side-table entries (tables.ts), and the per-heap counts of the shared objects, which a
 * heap keeps by slot — a slot is handed out when a shared object is first made, which
 * differs from process to process — so they are written by shared key.
 *
 * Decoding makes every copied object first (empty, with its class's prototype), then fills
 * copied and baseline objects alike, so cycles need no special order.
 */
import { Heap } from '../heap.js';
import { sharedKeys, sharedNameOf, sharedObjectByName, sharedObjects, sharedSlot } from '../objects.js';
import {
  type Ref, TYPED_ARRAYS, Walk, exportName, exportValue, isSharedPyObject, sharedIndex, sharedKeyOf,
  sideTableName, typedArrayName,
} from './graph.js';
import { registeredSideTables, type SideTable } from './tables.js';

/** A snapshot that cannot be taken: the state holds something the codec cannot carry exactly. */
export class SnapshotRefusal extends Error {
  override name = 'SnapshotRefusal';
}

/** A snapshot that cannot be read back (corrupt, another format, another build's baseline). */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

/** Value tags (the first element of an encoded non-JSON value). */
const enum V {
  Copied = 0, Baseline = 1, SharedKey = 2, SharedIndex = 3, Export = 4, Undefined = 5, Number = 6, BigInt = 7, Hole = 8,
}

/** Record kinds (the first element of an object's record). */
const enum R {
  Object = 0, Array = 1, Map = 2, Set = 3, Typed = 4, WeakMap = 5, WeakSet = 6,
}

type Encoded = unknown;
type ObjRecord = unknown[];

export interface EncodedGraph {
  /** Records of the copied objects, by copy index. */
  objects: ObjRecord[];
  /** [baseline index, record] of every baseline object reached. */
  baseline: Array<[number, ObjRecord]>;
  /** Side-table entries: [table, key, value]; a table is a registered name or an encoded reference. */
  tables: Array<[Encoded, Encoded, Encoded]>;
  /** The roots, encoded. */
  roots: Encoded[];
}

/**
 * Encode the graph reachable from `roots`. `baseline` is the sandbox's baseline in walk
 * order. Throws SnapshotRefusal naming what cannot be carried.
 */
export function encodeGraph(roots: readonly unknown[], baseline: readonly Ref[]): EncodedGraph {
  const shared = sharedIndex();
  const baseIndex = new Map<Ref, number>();
  baseline.forEach((o, i) => baseIndex.set(o, i));
  const walk = new Walk((o) => isSharedPyObject(o) || shared.has(o)).run(roots);
  const copyIndex = new Map<Ref, number>();
  for (const o of walk.order) {
    if (isSharedPyObject(o) || shared.has(o) || baseIndex.has(o)) continue;
    if (typeof o === 'function') {
      if (exportName(o) === undefined) throw new SnapshotRefusal(`a function made after the sandbox started (${describeFunction(o)})`);
      continue;
    }
    copyIndex.set(o, copyIndex.size);
  }
  const ref = (o: Ref): Encoded => {
    const key = sharedKeyOf(o);
    if (key !== undefined) return [V.SharedKey, key];
    const s = shared.get(o);
    if (s !== undefined) return [V.SharedIndex, s];
    const b = baseIndex.get(o);
    if (b !== undefined) return [V.Baseline, b];
    const c = copyIndex.get(o);
    if (c !== undefined) return [V.Copied, c];
    const e = exportName(o);
    if (e !== undefined) return [V.Export, e];
    throw new SnapshotRefusal(`an object the walk did not reach (${describe(o)})`);
  };
  const value = (v: unknown): Encoded => {
    switch (typeof v) {
      case 'string': case 'boolean': return v;
      case 'number': return Number.isFinite(v) && !Object.is(v, -0) ? v : [V.Number, Object.is(v, -0) ? '-0' : String(v)];
      case 'undefined': return [V.Undefined];
      case 'bigint': return [V.BigInt, v.toString()];
      case 'object': return v === null ? null : ref(v);
      case 'function': return ref(v);
      default: throw new SnapshotRefusal(`a ${typeof v} value`);
    }
  };
  const record = (o: object): ObjRecord => {
    if (o instanceof WeakMap) return [R.WeakMap];
    if (o instanceof WeakSet) return [R.WeakSet];
    const typed = typedArrayName(o);
    if (typed !== undefined) {
      const a = o as unknown as ArrayLike<number> & ArrayBufferView;
      if (a.byteOffset !== 0 || a.byteLength !== a.buffer.byteLength) throw new SnapshotRefusal(`a ${typed} that views part of a buffer`);
      return [R.Typed, typed, Array.from(a, value)];
    }
    if (Array.isArray(o)) {
      const proto = Object.getPrototypeOf(o);
      if (proto !== Array.prototype) throw new SnapshotRefusal(`an array subclass (${describe(o)})`);
      const slots: Encoded[] = new Array(o.length);
      for (let i = 0; i < o.length; i++) slots[i] = i in o ? value(o[i]) : [V.Hole];
      return [R.Array, slots, Object.isFrozen(o)];
    }
    checkPlain(o);
    const fields: Encoded[] = [];
    for (const k of Object.keys(o)) {
      const v = (o as Record<string, unknown>)[k];
      fields.push(k, o instanceof Heap && k === 'sharedCounts' ? [V.Undefined] : value(v));
    }
    if (o instanceof Heap) {
      fields[fields.indexOf('sharedCounts') + 1] = [R.Typed, 'Int32Array', sharedCountsByKey((o as Heap).sharedCounts), true];
    }
    const frozen = Object.isFrozen(o);
    if (o instanceof Map) return [R.Map, [...o].flatMap(([k, v]) => [value(k), value(v)]), fields, frozen];
    if (o instanceof Set) return [R.Set, [...o].map(value), fields, frozen];
    return [R.Object, protoName(o), fields, frozen];
  };
  const objects: ObjRecord[] = [];
  const base: Array<[number, ObjRecord]> = [];
  for (const o of walk.order) {
    if (typeof o === 'function') continue;
    const c = copyIndex.get(o);
    if (c !== undefined) objects[c] = record(o);
    else {
      const b = baseIndex.get(o);
      if (b !== undefined && !(isSharedPyObject(o) || shared.has(o))) base.push([b, record(o)]);
    }
  }
  const tables: EncodedGraph['tables'] = walk.entries.map(([t, k, v]) => [sideTableName(t) ?? ref(t), ref(k), value(v)]);
  return { objects, baseline: base, tables, roots: roots.map(value) };
}

/** A heap's shared counts by shared key (the non-zero ones). */
function sharedCountsByKey(counts: ArrayLike<number>): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (let slot = 1; slot < counts.length; slot++) {
    const n = counts[slot]!;
    if (n !== 0) out.push([sharedNameOf(sharedObjects[slot]!)!, n]);
  }
  if (counts[0]) out.push(['', counts[0]]);
  return out;
}

/** An object the codec can copy field by field: own enumerable data properties only. */
function checkPlain(o: object): void {
  const names = Object.getOwnPropertyNames(o);
  if (Object.getOwnPropertySymbols(o).length > 0) throw new SnapshotRefusal(`symbol-keyed fields (${describe(o)})`);
  if (names.length !== Object.keys(o).length) throw new SnapshotRefusal(`hidden fields (${describe(o)})`);
  for (const k of names) {
    const d = Object.getOwnPropertyDescriptor(o, k)!;
    if (d.get || d.set) throw new SnapshotRefusal(`an accessor field ${k} (${describe(o)})`);
  }
}

function protoName(o: object): string {
  const proto = Object.getPrototypeOf(o);
  if (proto === null) return 'null';
  if (proto === Object.prototype) return 'Object';
  if (proto === Map.prototype) return 'Map';
  if (proto === Set.prototype) return 'Set';
  const name = exportName(proto);
  if (name === undefined) throw new SnapshotRefusal(`an object of a class the codec does not know (${describe(o)})`);
  return name;
}

function describe(o: object): string {
  return (Object.getPrototypeOf(o) as { constructor?: { name?: string } } | null)?.constructor?.name ?? 'a prototype-less object';
}

function describeFunction(f: Ref): string {
  const src = Function.prototype.toString.call(f).replace(/\s+/g, ' ');
  return src.length > 80 ? src.slice(0, 77) + '...' : src;
}

// ---------------------------------------------------------------- decoding

/**
 * Write an encoded graph into a fresh sandbox whose baseline (walk order) is `baseline`.
 * Returns the decoded roots. Throws SnapshotError when the encoding does not fit this
 * build (an unknown class or export, a baseline position past the end, a mismatched kind).
 */
export function decodeGraph(g: EncodedGraph, baseline: readonly Ref[]): unknown[] {
  const shared = [...sharedIndex().keys()];
  const made: object[] = g.objects.map(shell);
  const ref = (tag: number, arg: unknown): unknown => {
    switch (tag) {
      case V.Copied: return at(made, arg as number, 'copied object');
      case V.Baseline: return at(baseline, arg as number, 'baseline object');
      case V.SharedKey: {
        const o = sharedObjectByName(arg as string);
        if (!o) throw new SnapshotError(`no shared object ${String(arg)} in this build`);
        return o;
      }
      case V.SharedIndex: return at(shared, arg as number, 'shared value');
      case V.Export: {
        const v = exportValue(arg as string);
        if (v === undefined) throw new SnapshotError(`no export ${String(arg)} in this build`);
        return v;
      }
      case V.Undefined: return undefined;
      case V.Number: return arg === '-0' ? -0 : Number(arg);
      case V.BigInt: return BigInt(arg as string);
      default: throw new SnapshotError(`unknown value tag ${tag}`);
    }
  };
  const value = (e: Encoded): unknown => (Array.isArray(e) ? ref(e[0] as number, e[1]) : e);
  const fill = (o: object, r: ObjRecord, isBaseline: boolean): void => {
    switch (r[0]) {
      case R.Array: {
        const a = o as unknown[];
        const slots = r[1] as Encoded[];
        if (!Array.isArray(a)) throw new SnapshotError('an array recorded where the baseline has another kind');
        if (Object.isFrozen(a)) return;
        a.length = slots.length;
        for (let i = 0; i < slots.length; i++) {
          const s = slots[i];
          if (Array.isArray(s) && s[0] === V.Hole) delete a[i];
          else a[i] = value(s);
        }
        if (r[2]) Object.freeze(a);
        return;
      }
      case R.Typed: {
        if (isBaseline && (o as ArrayLike<number>).length !== (r[2] as unknown[]).length) {
          throw new SnapshotError('a typed array of another length than the baseline\'s');
        }
        (o as { set(a: ArrayLike<number>): void }).set((r[2] as Encoded[]).map((x) => value(x) as number));
        return;
      }
      case R.WeakMap: case R.WeakSet: return;
      case R.Map: case R.Set: case R.Object: {
        if (Object.isFrozen(o)) return;
        if (r[0] === R.Map) {
          const m = o as Map<unknown, unknown>;
          m.clear();
          const kv = r[1] as Encoded[];
          for (let i = 0; i < kv.length; i += 2) m.set(value(kv[i]), value(kv[i + 1]));
        } else if (r[0] === R.Set) {
          const s = o as Set<unknown>;
          s.clear();
          for (const v of r[1] as Encoded[]) s.add(value(v));
        }
        setFields(o, r[2] as Encoded[], value);
        if (r[3]) Object.freeze(o);
        return;
      }
      default: throw new SnapshotError(`unknown record kind ${String(r[0])}`);
    }
  };
  g.objects.forEach((r, i) => fill(made[i]!, r, false));
  for (const [i, r] of g.baseline) fill(at(baseline, i, 'baseline object') as object, r, true);
  const named = registeredSideTables();
  for (const [t, k, v] of g.tables) {
    const table = (typeof t === 'string' ? named.get(t) : value(t)) as SideTable | undefined;
    if (!(table instanceof WeakMap || table instanceof WeakSet)) throw new SnapshotError(`no side table ${String(t)}`);
    const key = value(k) as object;
    if (table instanceof WeakMap) table.set(key, value(v));
    else table.add(key);
  }
  return g.roots.map(value);
}

function at<T>(list: readonly T[], i: number, what: string): T {
  if (!Number.isInteger(i) || i < 0 || i >= list.length) throw new SnapshotError(`${what} ${i} is not in this build's table of ${list.length}`);
  return list[i]!;
}

/** An empty object of the recorded kind and class, to be filled. */
function shell(r: ObjRecord): object {
  switch (r[0]) {
    case R.Array: return [];
    case R.Map: return new Map();
    case R.Set: return new Set();
    case R.WeakMap: return new WeakMap();
    case R.WeakSet: return new WeakSet();
    case R.Typed: {
      const T = TYPED_ARRAYS[r[1] as string];
      if (!T) throw new SnapshotError(`unknown typed array ${String(r[1])}`);
      return new T((r[2] as unknown[]).length) as unknown as object;
    }
    case R.Object: {
      const name = r[1] as string;
      if (name === 'null') return Object.create(null) as object;
      if (name === 'Object') return {};
      const proto = exportValue(name);
      if (proto === undefined) throw new SnapshotError(`no class ${name} in this build`);
      return Object.create(proto) as object;
    }
    default: throw new SnapshotError(`unknown record kind ${String(r[0])}`);
  }
}

/**
 * Set an object's fields to the recorded ones, in the recorded order: fields it has that
 * the record lacks are deleted, and when the order differs every field is set again.
 */
function setFields(o: object, fields: Encoded[], value: (e: Encoded) => unknown): void {
  const target = o as Record<string, unknown>;
  const have = Object.keys(target);
  const want: string[] = [];
  for (let i = 0; i < fields.length; i += 2) want.push(fields[i] as string);
  const sameOrder = have.length === want.length && have.every((k, i) => k === want[i]);
  if (!sameOrder) for (const k of have) delete target[k];
  for (let i = 0; i < fields.length; i += 2) {
    const k = fields[i] as string;
    const e = fields[i + 1];
    target[k] = o instanceof Heap && k === 'sharedCounts' ? countsBySlot(e as unknown[]) : value(e);
  }
}

/** A heap's shared counts back by slot, in this process's slots. */
function countsBySlot(r: unknown[]): Int32Array {
  const pairs = r[2] as Array<[string, number]>;
  const slots: Array<[number, number]> = [];
  let size = 0;
  for (const [key, n] of pairs) {
    let slot = 0;
    if (key !== '') {
      const o = sharedObjectByName(key);
      if (!o) throw new SnapshotError(`no shared object ${key} in this build`);
      slot = sharedSlot(o);
    }
    slots.push([slot, n]);
    size = Math.max(size, slot + 1);
  }
  const counts = new Int32Array(Math.max(size, sharedKeys.length, 1024));
  for (const [slot, n] of slots) counts[slot] = n;
  return counts;
}
