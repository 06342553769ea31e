/**
 * Encoding a sandbox's object graph (graph.ts) as JSON, and writing it back into a fresh
 * sandbox built the same way.
 *
 * A value is written as itself when JSON carries it exactly (a finite number other than
 * -0, a string, a boolean, null); anything else is a small array whose first element says
 * what it is ({@link V}). An object is one of:
 * - a copied object: its record in `objects` (its shape — class, field names — by index
 *   into `shapes`, then its field values; or an array's slots, a Map's entries, a Set's
 *   values, a typed array's numbers);
 * - a baseline object: its position in the baseline, with its record in `baseline` (the
 *   state to write into the fresh sandbox's object there) unless that state is a fresh
 *   sandbox's own ({@link Template});
 * - a shared object, by shared key or by shared index; a module export (a class's
 *   prototype, a function, a symbol), by name.
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
  /**
   * Object shapes: [class, field names, frozen]. An object's record names its shape by
   * index instead of repeating its class and field names (a heap of a million lists has
   * one list shape).
   */
  shapes: Array<[string, string[], boolean]>;
  /** Records of the copied objects, by copy index. */
  objects: ObjRecord[];
  /** [baseline index, record] of every baseline object reached whose state is not a fresh sandbox's. */
  baseline: Array<[number, ObjRecord]>;
  /** Side-table entries not a fresh sandbox's: [table, key, value]; a table is a registered name or an encoded reference. */
  tables: Array<[Encoded, Encoded, Encoded]>;
  /** Side-table entries a fresh sandbox has that this one does not: [table, key]. */
  deleted: Array<[Encoded, Encoded]>;
  /** The roots, encoded. */
  roots: Encoded[];
}

/**
 * What a fresh sandbox built the same way holds, for {@link encodeGraph} to leave out: a
 * baseline object's state or a side-table entry equal to the fresh sandbox's need not be
 * written, since restoring starts from a fresh sandbox (most of the baseline — the
 * builtins and their natives — never changes).
 */
export interface Template {
  /** Baseline index -> the object's canonical record. */
  base: Map<number, string>;
  /** JSON [table, key] -> JSON value. */
  tables: Map<string, string>;
}

/** The template of a fresh sandbox: its roots and its baseline (see {@link Template}). */
export function templateOf(roots: readonly unknown[], baseline: readonly Ref[]): Template {
  const e = new Encoder(roots, baseline, null);
  return { base: e.canonicalBaseline(), tables: e.tableEntries() };
}

/**
 * Encode the graph reachable from `roots`. `baseline` is the sandbox's baseline in walk
 * order; `template`, a fresh sandbox's (what need not be written). Throws SnapshotRefusal
 * naming what cannot be carried.
 */
export function encodeGraph(roots: readonly unknown[], baseline: readonly Ref[], template: Template | null): EncodedGraph {
  return new Encoder(roots, baseline, template).encode();
}

/** One encoding: the walk, the names it gives, and the records. */
class Encoder {
  private readonly shared = sharedIndex();
  private readonly baseIndex = new Map<Ref, number>();
  private readonly walk: Walk;
  /** Each walked value's name, by walk position (see {@link ref}). */
  private readonly names: Encoded[];
  /** The copied objects, by copy index. */
  private readonly copies: object[] = [];
  private readonly shapes: Array<[string, string[], boolean]> = [];
  /** The shapes met so far by prototype: [keys, frozen, shape index]. */
  private readonly shapesByProto = new Map<object | null, Array<[string[], boolean, number]>>();

  constructor(private readonly roots: readonly unknown[], baseline: readonly Ref[], private readonly template: Template | null) {
    baseline.forEach((o, i) => this.baseIndex.set(o, i));
    const shared = this.shared;
    this.walk = new Walk((o) => isSharedPyObject(o) || shared.has(o)).run(roots);
    const order = this.walk.order;
    this.names = new Array(order.length);
    for (let i = 0; i < order.length; i++) this.names[i] = this.name(order[i]!);
  }

  /** What a snapshot calls `o` (see the file comment); a copied object gets its copy index here. */
  private name(o: Ref): Encoded {
    if (isSharedPyObject(o)) return [V.SharedKey, sharedKeyOf(o)];
    const s = this.shared.get(o);
    if (s !== undefined) return [V.SharedIndex, s];
    const b = this.baseIndex.get(o);
    if (b !== undefined) return [V.Baseline, b];
    if (typeof o === 'function') {
      const e = exportName(o);
      if (e === undefined) throw new SnapshotRefusal(`a function made after the sandbox started (${describeFunction(o)})`);
      return [V.Export, e];
    }
    this.copies.push(o);
    return [V.Copied, this.copies.length - 1];
  }

  encode(): EncodedGraph {
    const objects: ObjRecord[] = [];
    const base: Array<[number, ObjRecord]> = [];
    const tpl = this.template;
    for (const o of this.copies) objects.push(this.record(o));
    const order = this.walk.order;
    for (let i = 0; i < order.length; i++) {
      const name = this.names[i] as [number, number];
      const o = order[i]!;
      if (name[0] !== V.Baseline || typeof o === 'function') continue;
      if (tpl && tpl.base.get(name[1]) === this.canonical(o)) continue;
      base.push([name[1], this.record(o)]);
    }
    const tables: EncodedGraph['tables'] = [];
    const seen = new Set<string>();
    for (const [t, k, v] of this.walk.entries) {
      const table = sideTableName(t) ?? this.ref(t);
      const key = this.ref(k);
      const value = this.value(v);
      const id = JSON.stringify([table, key]);
      seen.add(id);
      if (tpl && tpl.tables.get(id) === JSON.stringify(value)) continue;
      tables.push([table, key, value]);
    }
    const deleted: EncodedGraph['deleted'] = [];
    if (tpl) {
      for (const id of tpl.tables.keys()) {
        if (!seen.has(id)) deleted.push(JSON.parse(id) as [Encoded, Encoded]);
      }
    }
    return { shapes: this.shapes, objects, baseline: base, tables, deleted, roots: this.roots.map((r) => this.value(r)) };
  }

  /** Every reached baseline object's canonical record (for a template). */
  canonicalBaseline(): Map<number, string> {
    const out = new Map<number, string>();
    const order = this.walk.order;
    for (let i = 0; i < order.length; i++) {
      const name = this.names[i] as [number, number];
      if (name[0] === V.Baseline && typeof order[i] !== 'function') out.set(name[1], this.canonical(order[i]!));
    }
    return out;
  }

  /** Every side-table entry, as JSON [table, key] -> JSON value (for a template). */
  tableEntries(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [t, k, v] of this.walk.entries) {
      out.set(JSON.stringify([sideTableName(t) ?? this.ref(t), this.ref(k)]), JSON.stringify(this.value(v)));
    }
    return out;
  }

  /** A walked value's name; a value the walk did not reach is named only if it is an export. */
  private ref(o: Ref): Encoded {
    const i = this.walk.index.get(o);
    if (i !== undefined) return this.names[i];
    const e = exportName(o);
    if (e !== undefined) return [V.Export, e];
    throw new SnapshotRefusal(`an object the walk did not reach (${describe(o)})`);
  }

  private value(v: unknown): Encoded {
    switch (typeof v) {
      case 'string': case 'boolean': return v;
      case 'number': return Number.isFinite(v) && !Object.is(v, -0) ? v : [V.Number, Object.is(v, -0) ? '-0' : String(v)];
      case 'undefined': return [V.Undefined];
      case 'bigint': return [V.BigInt, v.toString()];
      case 'object': return v === null ? null : this.ref(v);
      case 'function': return this.ref(v);
      case 'symbol': {
        const e = exportName(v);
        if (e === undefined) throw new SnapshotRefusal(`a symbol no module exports (${String(v)})`);
        return [V.Export, e];
      }
      default: throw new SnapshotRefusal(`a ${typeof v} value`);
    }
  }

  /** Classes and key lists already checked to be plain (checkPlain once per shape, not per object). */
  private readonly plain = new Set<string>();

  /** The fields of a plain object, encoded, with a heap's shared counts by name. */
  private fields(o: object): { keys: string[]; values: Encoded[] } {
    const keys = Object.keys(o);
    const id = `${protoName(o)}|${keys.join(',')}`;
    if (!this.plain.has(id)) {
      checkPlain(o);
      this.plain.add(id);
    }
    const values = keys.map((k) => o instanceof Heap && k === 'sharedCounts'
      ? [R.Typed, 'Int32Array', sharedCountsByKey((o as Heap).sharedCounts)]
      : this.value((o as Record<string, unknown>)[k]));
    return { keys, values };
  }

  /** The record a snapshot keeps of `o` (compact: shapes by index). */
  private record(o: object): ObjRecord {
    const special = this.nonObjectRecord(o);
    if (special) return special;
    if (o instanceof Map || o instanceof Set) {
      const { keys, values } = this.fields(o);
      const entries = o instanceof Map ? [...o].flatMap(([k, v]) => [this.value(k), this.value(v)]) : [...o].map((v) => this.value(v));
      return [o instanceof Map ? R.Map : R.Set, entries, keys, values, Object.isFrozen(o)];
    }
    const keys = Object.keys(o);
    const out: ObjRecord = new Array(keys.length + 2);
    out[0] = R.Object;
    out[1] = this.shapeOf(o, keys);
    const heap = o instanceof Heap;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      out[i + 2] = heap && k === 'sharedCounts'
        ? [R.Typed, 'Int32Array', sharedCountsByKey((o as Heap).sharedCounts)]
        : this.value((o as Record<string, unknown>)[k]);
    }
    return out;
  }

  /**
   * The shape index of an object of `o`'s class with these keys (made on first meeting,
   * when the object is also checked to be plain data: one check per shape, not per object).
   */
  private shapeOf(o: object, keys: string[]): number {
    const proto = Object.getPrototypeOf(o) as object | null;
    const frozen = Object.isFrozen(o);
    let list = this.shapesByProto.get(proto);
    if (!list) this.shapesByProto.set(proto, list = []);
    for (const [k, f, shape] of list) {
      if (f === frozen && k.length === keys.length && k.every((x, i) => x === keys[i])) return shape;
    }
    checkPlain(o);
    const shape = this.shapes.length;
    this.shapes.push([protoName(o), keys, frozen]);
    list.push([keys, frozen, shape]);
    return shape;
  }

  /** The record of `o` independent of shape numbering, as JSON (compared with a template's). */
  private canonical(o: object): string {
    const special = this.nonObjectRecord(o);
    if (special) return JSON.stringify(special);
    const { keys, values } = this.fields(o);
    const extra = o instanceof Map ? [...o].flatMap(([k, v]) => [this.value(k), this.value(v)])
      : o instanceof Set ? [...o].map((v) => this.value(v)) : null;
    return JSON.stringify([o instanceof Map || o instanceof Set ? '' : protoName(o), Object.isFrozen(o), keys, values, extra]);
  }

  /** The record of an array, typed array or weak table; null for any other object. */
  private nonObjectRecord(o: object): ObjRecord | null {
    if (o instanceof WeakMap) return [R.WeakMap];
    if (o instanceof WeakSet) return [R.WeakSet];
    const typed = typedArrayName(o);
    if (typed !== undefined) {
      const a = o as unknown as ArrayLike<number> & ArrayBufferView;
      if (a.byteOffset !== 0 || a.byteLength !== a.buffer.byteLength) throw new SnapshotRefusal(`a ${typed} that views part of a buffer`);
      return [R.Typed, typed, Array.from(a, (x) => this.value(x))];
    }
    if (Array.isArray(o)) {
      if (Object.getPrototypeOf(o) !== Array.prototype) throw new SnapshotRefusal(`an array subclass (${describe(o)})`);
      const slots: Encoded[] = new Array(o.length);
      for (let i = 0; i < o.length; i++) slots[i] = i in o ? this.value(o[i]) : [V.Hole];
      return [R.Array, slots, Object.isFrozen(o)];
    }
    return null;
  }
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
  if (name === undefined) {
    if (Object.prototype.toString.call(o) === '[object Generator]') throw new SnapshotRefusal('a suspended JavaScript generator');
    throw new SnapshotRefusal(`an object of a class the codec does not know (${describe(o)})`);
  }
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
  const shapes = g.shapes;
  const shapeAt = (i: unknown): [string, string[], boolean] => at(shapes, i as number, 'shape');
  const made: object[] = g.objects.map((r) => shell(r, shapeAt));
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
      case R.Object: {
        if (Object.isFrozen(o)) return;
        const [, keys, frozen] = shapeAt(r[1]);
        setFields(o, keys, r.slice(2), value);
        if (frozen) Object.freeze(o);
        return;
      }
      case R.Map: case R.Set: {
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
        setFields(o, r[2] as string[], r[3] as Encoded[], value);
        if (r[4]) Object.freeze(o);
        return;
      }
      default: throw new SnapshotError(`unknown record kind ${String(r[0])}`);
    }
  };
  // Copied objects are new and empty: their fields are set in order, nothing to delete.
  g.objects.forEach((r, i) => {
    const o = made[i]!;
    if (r[0] !== R.Object) return fill(o, r, false);
    const [, keys, frozen] = shapeAt(r[1]);
    const target = o as Record<string, unknown>;
    for (let k = 0; k < keys.length; k++) target[keys[k]!] = value(r[k + 2]);
    if (frozen) Object.freeze(o);
  });
  for (const [i, r] of g.baseline) fill(at(baseline, i, 'baseline object') as object, r, true);
  const named = registeredSideTables();
  for (const [t, k, v] of g.tables) {
    const table = (typeof t === 'string' ? named.get(t) : value(t)) as SideTable | undefined;
    if (!(table instanceof WeakMap || table instanceof WeakSet)) throw new SnapshotError(`no side table ${String(t)}`);
    const key = value(k) as object;
    if (table instanceof WeakMap) table.set(key, value(v));
    else table.add(key);
  }
  for (const [t, k] of g.deleted) {
    const table = (typeof t === 'string' ? named.get(t) : value(t)) as SideTable | undefined;
    if (!(table instanceof WeakMap || table instanceof WeakSet)) throw new SnapshotError(`no side table ${String(t)}`);
    table.delete(value(k) as object);
  }
  return g.roots.map(value);
}

function at<T>(list: readonly T[], i: number, what: string): T {
  if (!Number.isInteger(i) || i < 0 || i >= list.length) throw new SnapshotError(`${what} ${i} is not in this build's table of ${list.length}`);
  return list[i]!;
}

/** An empty object of the recorded kind and class, to be filled. */
function shell(r: ObjRecord, shapeAt: (i: unknown) => [string, string[], boolean]): object {
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
      const name = shapeAt(r[1])[0];
      if (name === 'null') return Object.create(null) as object;
      if (name === 'Object') return {};
      const proto = exportValue(name);
      if (typeof proto !== 'object') throw new SnapshotError(`no class ${name} in this build`);
      return Object.create(proto) as object;
    }
    default: throw new SnapshotError(`unknown record kind ${String(r[0])}`);
  }
}

/**
 * Set an object's fields to the recorded ones, in the recorded order: fields it has that
 * the record lacks are deleted, and when the order differs every field is set again.
 */
function setFields(o: object, want: readonly string[], values: readonly Encoded[], value: (e: Encoded) => unknown): void {
  const target = o as Record<string, unknown>;
  const have = Object.keys(target);
  const sameOrder = have.length === want.length && have.every((k, i) => k === want[i]);
  if (!sameOrder) for (const k of have) delete target[k];
  for (let i = 0; i < want.length; i++) {
    const k = want[i]!;
    const e = values[i];
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
