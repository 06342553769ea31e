/**
 * Python Tutor's trace format ("opt", what its pg_logger writes and its front end draws):
 * `{code, trace: [...]}`, one entry per step with `event` (`step_line`, `call`, `return`,
 * `exception`, and a last `uncaught_exception` or `instruction_limit_reached`), `line`,
 * `func_name`, `globals` + `ordered_globals`, `stack_to_render` (function frames, outermost
 * first, each with `encoded_locals` + `ordered_varnames`), `heap` and the cumulative `stdout`.
 *
 * Encoding, as Python Tutor's: None, bools, ints, floats and strs inline (JSON values;
 * inf/nan and ints past 2^53 as ["SPECIAL_FLOAT", repr]); any other object is ["REF", n] into
 * `heap`, where it is ["LIST", ...], ["TUPLE", ...], ["SET", ...], ["DICT", [k, v], ...],
 * ["INSTANCE", class, [attr, v], ...], ["CLASS", name, [bases], [attr, v], ...],
 * ["FUNCTION", "name(params)", null] or ["HEAP_PRIMITIVE", type, repr]. Heap ids are small
 * integers, stable for an object over the whole trace.
 *
 * heaplab adds, per entry, `heaplab_objects`: for each heap id the object's address id,
 * refcount, sys.getsizeof size, generation, whether gc tracks it and whether it was
 * finalized — fields a Python Tutor front end ignores and none of them has.
 *
 * Bounded: an entry encodes at most MAX_ENCODED objects (the rest appear as
 * ["HEAP_PRIMITIVE", type, "…"]), and the steps are those of the traced run (its budget).
 */
import { hexId } from '../heap.js';
import { GC_FINALIZED, PyBool, PyDict, PyFloat, PyInstance, PyInt, PyList, PyNone, PyObject, PySet, PyStr, PyTuple, PyType, intType, floatType, strType } from '../objects.js';
import type { SandboxRuntime } from '../runtime.js';
import { generationsOf, label } from '../queries.js';
import { getsizeof } from '../sizes.js';
import { PyCell, PyFunction } from './pyobjects.js';
import type { Step, StepObserver } from './steps.js';
import type { VMFrame } from './vm/machine/frame.js';

/** Heap objects one entry encodes. */
export const MAX_ENCODED = 1000;

export type Encoded = null | boolean | number | string | Encoded[];

export interface OptFrame {
  func_name: string;
  frame_id: number;
  encoded_locals: Record<string, Encoded>;
  ordered_varnames: string[];
  is_highlighted: boolean;
  is_parent: boolean;
  is_zombie: boolean;
  parent_frame_id_list: number[];
  unique_hash: string;
}

export interface HeaplabObject {
  id: string;
  refcount: number;
  size: number;
  generation: number | 'permanent' | null;
  tracked: boolean;
  finalized: boolean;
}

export interface OptEntry {
  event: string;
  line: number;
  func_name: string;
  globals: Record<string, Encoded>;
  ordered_globals: string[];
  stack_to_render: OptFrame[];
  heap: Record<string, Encoded>;
  stdout: string;
  exception_msg?: string;
  heaplab_objects: Record<string, HeaplabObject>;
}

const EVENT_NAMES: Record<Step['event'], string> = { line: 'step_line', call: 'call', return: 'return', exception: 'exception' };

/** Builds Python Tutor entries from a traced run's steps (an observer of execTraced). */
export class OptTraceBuilder {
  readonly entries: OptEntry[] = [];
  private readonly heapIds = new Map<PyObject, number>();
  private readonly frameIds = new Map<VMFrame, number>();
  private stdout = '';

  constructor(private readonly rt: SandboxRuntime) {}

  readonly observer: StepObserver = (step, frame, stack) => this.add(step, frame, stack);

  private heapId(o: PyObject): number {
    let n = this.heapIds.get(o);
    if (n === undefined) {
      n = this.heapIds.size + 1;
      this.heapIds.set(o, n);
    }
    return n;
  }

  private add(step: Step, frame: VMFrame, stack: readonly VMFrame[]): void {
    this.stdout += step.delta.stdout;
    // Python Tutor's logger starts at the module's first line: the module frame's call is not an entry.
    if (step.event === 'call' && frame.locals === this.rt.globals) return;
    const heap: Record<string, Encoded> = {};
    const encodedObjects: PyObject[] = [];
    const pending: PyObject[] = [];
    const encode = (v: PyObject): Encoded => {
      const inline = inlineValue(v);
      if (inline !== undefined) return inline;
      const id = this.heapId(v);
      if (!(id in heap)) {
        heap[id] = null;
        pending.push(v);
      }
      return ['REF', id];
    };
    const globals: Record<string, Encoded> = {};
    const ordered: string[] = [];
    for (const [k, v] of this.rt.globals.entries()) {
      if (!(k instanceof PyStr) || (k.value.startsWith('__') && k.value.endsWith('__'))) continue;
      ordered.push(k.value);
      globals[k.value] = encode(v);
    }
    const frames: OptFrame[] = [];
    for (const f of stack) {
      if (f.locals === this.rt.globals) continue;
      let fid = this.frameIds.get(f);
      if (fid === undefined) {
        fid = this.frameIds.size + 1;
        this.frameIds.set(f, fid);
      }
      const locals: Record<string, Encoded> = {};
      const names: string[] = [];
      const varnames = f.code.names;
      for (let i = 0; i < f.fast.length; i++) {
        let v = f.fast[i];
        if (v instanceof PyCell) v = v.ref;
        if (!v) continue;
        const name = varnames[i] ?? String(i);
        names.push(name);
        locals[name] = encode(v);
      }
      const name = f.info.co.co_name;
      frames.push({
        func_name: name, frame_id: fid, encoded_locals: locals, ordered_varnames: names, is_highlighted: f === frame,
        is_parent: false, is_zombie: false, parent_frame_id_list: [], unique_hash: `${name}_f${fid}`,
      });
    }
    // Encode the heap breadth first from what the names reference, within MAX_ENCODED objects.
    for (let i = 0; i < pending.length; i++) {
      const o = pending[i]!;
      const id = this.heapIds.get(o)!;
      if (encodedObjects.length >= MAX_ENCODED) {
        heap[id] = ['HEAP_PRIMITIVE', o.type.name, '…'];
        continue;
      }
      encodedObjects.push(o);
      heap[id] = encodeObject(o, encode);
    }
    const gens = generationsOf(this.rt.heap, encodedObjects);
    const extra: Record<string, HeaplabObject> = {};
    for (const o of encodedObjects) {
      extra[this.heapIds.get(o)!] = {
        id: hexId(o.addr), refcount: o.refcnt, size: getsizeof(o), generation: gens.get(o) ?? null, tracked: o.isTracked,
        finalized: (o.gcFlags & GC_FINALIZED) !== 0,
      };
    }
    this.entries.push({
      event: EVENT_NAMES[step.event], line: step.line, func_name: step.function, globals, ordered_globals: ordered,
      stack_to_render: frames, heap, stdout: this.stdout, heaplab_objects: extra,
    });
  }

  /** The final entry Python Tutor writes: the uncaught exception, or the step limit reached. */
  finish(end: { error: { type: string; message: string } | null; truncated: { reason: string } | null }): void {
    const last = this.entries.at(-1);
    if (!last) return;
    if (end.truncated) {
      this.entries.push({ ...last, event: 'instruction_limit_reached', exception_msg: end.truncated.reason });
    } else if (end.error) {
      const msg = end.error.message ? `${end.error.type}: ${end.error.message}` : end.error.type;
      this.entries.push({ ...last, event: 'uncaught_exception', exception_msg: msg });
    }
  }
}

/** The inline encoding of None, bools, exact ints, floats and strs; undefined for a heap object. */
function inlineValue(v: PyObject): Encoded | undefined {
  if (v instanceof PyNone) return null;
  if (v instanceof PyBool) return v.value;
  if (v instanceof PyInt && v.type === intType) {
    return typeof v.value === 'number' ? v.value : ['SPECIAL_FLOAT', v.value.toString()];
  }
  if (v instanceof PyFloat && v.type === floatType) {
    if (Number.isFinite(v.value)) return v.value;
    return ['SPECIAL_FLOAT', Number.isNaN(v.value) ? 'nan' : v.value > 0 ? 'inf' : '-inf'];
  }
  if (v instanceof PyStr && v.type === strType) return v.value;
  return undefined;
}

/** Class attributes Python Tutor's encoder leaves out (the interpreter's bookkeeping). */
const CLASS_ATTRS_HIDDEN = new Set(['__doc__', '__module__', '__return__', '__dict__', '__weakref__', '__qualname__']);

/** One heap object in Python Tutor's encoding; `ref` encodes what it references. */
function encodeObject(o: PyObject, ref: (v: PyObject) => Encoded): Encoded {
  if (o instanceof PyList) return ['LIST', ...o.items.map(ref)];
  if (o instanceof PyTuple) return ['TUPLE', ...o.items.map(ref)];
  if (o instanceof PySet) return ['SET', ...[...o.items()].map(ref)];
  if (o instanceof PyDict) return ['DICT', ...[...o.entries()].map(([k, v]) => [ref(k), ref(v)])];
  if (o instanceof PyInstance) {
    const attrs: Encoded[] = [];
    if (o.dict) {
      for (const [k, v] of o.dict.entries()) if (k instanceof PyStr) attrs.push([k.value, ref(v)]);
    } else {
      const names = o.attrNames;
      o.attrValues.forEach((v, i) => attrs.push([names[i]!, ref(v)]));
    }
    return ['INSTANCE', o.type.name, ...attrs];
  }
  if (o instanceof PyType) {
    const attrs: Encoded[] = [];
    if (o.dict) {
      for (const [k, v] of o.dict.entries()) {
        if (k instanceof PyStr && !CLASS_ATTRS_HIDDEN.has(k.value)) attrs.push([k.value, ref(v)]);
      }
    }
    const bases = (o.basesTuple?.items ?? []).filter((b) => b instanceof PyType && b.name !== 'object').map((b) => (b as PyType).name);
    return ['CLASS', o.name, bases, ...attrs];
  }
  if (o instanceof PyFunction) {
    const name = o.name?.value ?? '?';
    const c = o.code;
    const params = [...c.posargs, ...(c.vararg !== null ? [`*${c.vararg}`] : []), ...c.kwonly, ...(c.kwarg !== null ? [`**${c.kwarg}`] : [])];
    return ['FUNCTION', `${name}(${params.join(', ')})`, null];
  }
  return ['HEAP_PRIMITIVE', o.type.name, label(o)];
}

/** A Python Tutor trace document, with heaplab's note of why it stops early when it does. */
export interface OptTrace {
  code: string;
  trace: OptEntry[];
  heaplab: { truncated: { reason: string; atStep: number } | null };
}

/**
 * Run `code` traced in `sb` (a fresh sandbox: Python Tutor traces a whole program) and answer
 * Python Tutor's document for it.
 */
export function optTrace(
  sb: { exec: (code: string, opts: { interrupt?: () => boolean; trace: { maxSteps?: number; observer: StepObserver } }) => {
    error: { type: string; message: string } | null; truncated?: { reason: string; atStep: number } | null;
  }; runtime: SandboxRuntime },
  code: string,
  opts: { maxSteps?: number; interrupt?: () => boolean } = {},
): OptTrace {
  const builder = new OptTraceBuilder(sb.runtime);
  const r = sb.exec(code, { interrupt: opts.interrupt, trace: { maxSteps: opts.maxSteps, observer: builder.observer } });
  const truncated = r.truncated ?? null;
  builder.finish({ error: r.error, truncated });
  return { code, trace: builder.entries, heaplab: { truncated } };
}
