/**
 * Steps: a traced run of Python source. The program runs on the bytecode machine with its
 * trace hook, which reports the events CPython's sys.settrace reports (`call`, `line`,
 * `return`, `exception`, at the same lines); each event becomes one step holding the frame
 * stack (each frame's names → object ids) and `delta`, what changed since the previous step:
 * objects created and freed, refcounts that moved, references added and removed, collections
 * run, finalizers run, output printed.
 *
 * A step is taken *before* its line runs (as sys.settrace reports it), so a step's delta is
 * what the previous step's line did.
 *
 * Invariants:
 * - Recording only reads: a traced run leaves the heap, the addresses and the events exactly
 *   as the same program run on the machine untraced (the log replays it either way).
 * - At most `maxSteps` steps are recorded; past them the program runs on untraced and
 *   `truncated` says so — everything up to the cut is kept, nothing after it is guessed.
 * - What one step looks at is bounded: the objects its names reach, at most
 *   MAX_VIEW_OBJECTS of them (classes, functions and modules drawn as leaves, as the graph's
 *   names view does); objects beyond are not diffed and the step says `viewTruncated`.
 */
import { hexId } from '../heap.js';
import { PyDict, PyObject, PyStr, SHARED } from '../objects.js';
import type { Event } from '../events.js';
import type { SandboxRuntime } from '../runtime.js';
import { labelledReferences } from '../queries.js';
import { PyCell } from './pyobjects.js';
import { interpreterFor } from './interpreter.js';
import type { VMFrame } from './vm/machine/frame.js';
import { type TraceEvent, machineFor } from './vm/machine/machine.js';
import { startProgram } from './vm/exec.js';

/** Steps one traced run records unless asked for another number. */
export const DEFAULT_TRACE_STEPS = 2000;
/** Objects one step looks at (and diffs). */
export const MAX_VIEW_OBJECTS = 1000;

export interface StepFrame {
  function: string;
  line: number;
  /** Names bound in the frame → object ids (module globals without dunder names). */
  names: Record<string, string>;
}

export interface StepObject {
  id: string;
  type: string;
  label: string;
  refcount: number;
}

export interface StepDelta {
  created: Array<{ id: string; type: string }>;
  freed: Array<{ id: string; type: string }>;
  refcounts: Array<{ id: string; from: number; to: number }>;
  refsAdded: Array<{ from: string; to: string; label: string }>;
  refsRemoved: Array<{ from: string; to: string; label: string }>;
  collections: Array<{ generation: number; trigger: string; unreachable: number; collected: number; uncollectable: number }>;
  finalizers: Array<{ object: string; class: string; printed: string; resurrected: boolean }>;
  stdout: string;
}

export interface Step {
  index: number;
  event: TraceEvent;
  line: number;
  function: string;
  /** Outermost first (the module). */
  stack: StepFrame[];
  delta: StepDelta;
  /** Set when this step's view stopped at MAX_VIEW_OBJECTS. */
  viewTruncated?: true;
}

export interface TraceOutcome {
  steps: Step[];
  /**
   * What changed after the last step (the module's `return`, or a finalizer run by releasing
   * an uncaught exception): the program's end as no trace event reports it.
   */
  after: StepDelta | null;
  /** Why the trace stops before the program's end, when it does. */
  truncated: null | { reason: string; atStep: number };
}

/** One step's view: every object the names reach (bounded), with its refcount and references. */
interface View {
  objects: Map<PyObject, ViewEntry>;
  truncated: boolean;
}

/**
 * One object as a step saw it: its refcount and references (traverse's, shared objects
 * included, in traverse order). `labelled` — the references with their names — is computed
 * when the object enters the view or its references change, and carried over while they do
 * not, so a step costs a pass over the references, not a name per reference.
 */
interface ViewEntry {
  refcount: number;
  refs: PyObject[];
  labelled: Array<[string, PyObject]>;
}

function sameRefs(a: readonly PyObject[], b: readonly PyObject[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const LEAF_LAYOUTS = new Set(['type', 'function', 'module', 'builtin', 'code']);

/** Whether a module global is shown (dunder names are the interpreter's: __name__, __builtins__). */
function shownGlobal(name: string): boolean {
  return !(name.startsWith('__') && name.endsWith('__'));
}

/** The names a frame binds, cells read through (a closure variable shows its value). */
function frameNames(f: VMFrame, globals: PyDict): Array<[string, PyObject]> {
  const out: Array<[string, PyObject]> = [];
  if (f.locals === globals) {
    for (const [k, v] of globals.entries()) if (k instanceof PyStr && shownGlobal(k.value)) out.push([k.value, v]);
    return out;
  }
  const names = f.code.names;
  for (let i = 0; i < f.fast.length; i++) {
    let v = f.fast[i];
    if (v instanceof PyCell) v = v.ref;
    if (v) out.push([names[i] ?? String(i), v]);
  }
  return out;
}

/** The module's names when no frame runs (the program is over). */
function frameless(rt: SandboxRuntime): PyObject[] {
  const out: PyObject[] = [];
  for (const [k, v] of rt.globals.entries()) if (k instanceof PyStr && shownGlobal(k.value)) out.push(v);
  return out;
}

/** Records steps from the machine's trace hook; see the module comment. */
class StepRecorder {
  /** The steps built (with `from`, only those from `from - 1` on). */
  readonly steps: Step[] = [];
  /** Steps taken so far, built or not: the next step's index. */
  private taken = 0;
  truncated: TraceOutcome['truncated'] = null;
  private prev: View = { objects: new Map(), truncated: false };
  /** Allocated since the last step (identity), and freed since the last step. */
  private allocated: PyObject[] = [];
  /** Freed objects with the id and type they had (an address is given back when its object dies). */
  private freed: Array<{ o: PyObject; id: string; type: string }> = [];
  private events: Event[] = [];

  constructor(
    private readonly rt: SandboxRuntime,
    private readonly maxSteps: number,
    private readonly stop: () => void,
    private readonly observer: StepObserver | null,
    /**
     * The first step the caller wants (Sandbox.stepAt): steps before `from - 1` are counted
     * but not built — no view, no delta — and step `from - 1` is built only as the view step
     * `from`'s delta is taken against. Default 0: every step.
     */
    private readonly from = 0,
  ) {}

  allocatedObject(o: PyObject): void {
    this.allocated.push(o);
  }

  freedObject(o: PyObject): void {
    this.freed.push({ o, id: hexId(o.addr), type: o.type.name });
  }

  event(e: Event): void {
    this.events.push(e);
  }

  /** The trace hook: one step per event, until the budget is spent. */
  onEvent(event: TraceEvent, frame: VMFrame, line: number, stack: readonly VMFrame[]): void {
    const index = this.taken;
    if (index >= this.maxSteps) {
      this.truncated = {
        reason: `the trace reached its step budget (${this.maxSteps} steps); the program ran on untraced`,
        atStep: index,
      };
      this.stop();
      return;
    }
    this.taken++;
    if (index < this.from - 1) {
      // Counted only: what happened since the previous step is nobody's delta.
      this.allocated = [];
      this.freed = [];
      this.events = [];
      return;
    }
    const globals = this.rt.globals;
    const frames = stack.map((f) => ({ f, names: frameNames(f, globals) }));
    const view = this.look(frames.flatMap((x) => x.names.map(([, v]) => v)));
    const step: Step = {
      index,
      event,
      line,
      function: frame.info.co.co_name,
      stack: frames.map(({ f, names }) => ({
        function: f.info.co.co_name,
        line: f === frame ? line : f.line,
        names: Object.fromEntries(names.map(([n, v]) => [n, hexId(v.addr)])),
      })),
      delta: this.delta(view),
    };
    if (view.truncated) step.viewTruncated = true;
    this.steps.push(step);
    if (index >= this.from) this.observer?.(step, frame, stack);
    this.prev = view;
    this.allocated = [];
    this.freed = [];
    this.events = [];
  }

  /** What changed since the last step, once the program is over (null when nothing did or the trace was cut). */
  after(): StepDelta | null {
    if (this.truncated !== null || this.taken === 0) return null;
    const d = this.delta(this.look(frameless(this.rt)));
    const changed = Object.values(d).some((v) => (typeof v === 'string' ? v.length > 0 : v.length > 0));
    return changed ? d : null;
  }

  /**
   * What the names reach, breadth first, at most MAX_VIEW_OBJECTS objects; also what changed
   * since the previous view in the references of the objects both saw (and the references of
   * the objects made since).
   */
  private look(seeds: PyObject[]): View {
    const objects: View['objects'] = new Map();
    const queue: PyObject[] = [];
    let truncated = false;
    const add = (o: PyObject): boolean => {
      if (o.gcFlags & SHARED || objects.has(o)) return true;
      if (objects.size >= MAX_VIEW_OBJECTS) {
        truncated = true;
        return false;
      }
      objects.set(o, { refcount: o.refcnt, refs: [], labelled: [] });
      queue.push(o);
      return true;
    };
    for (const s of seeds) if (!add(s)) break;
    for (let i = 0; i < queue.length; i++) {
      const o = queue[i]!;
      const entry = objects.get(o)!;
      if (LEAF_LAYOUTS.has(o.type.layout)) continue;
      const refs = entry.refs;
      o.traverse((r) => refs.push(r));
      const before = this.prev.objects.get(o);
      entry.labelled = before !== undefined && sameRefs(before.refs, refs) ? before.labelled : [...labelledReferences(o)];
      if (truncated) continue;
      for (const r of refs) if (!add(r)) break;
    }
    return { objects, truncated };
  }

  /** What changed since the previous step. */
  private delta(view: View): StepDelta {
    const freedNow = new Set(this.freed.map((f) => f.o));
    // Made and gone within the step: neither created nor freed as far as a reader can see.
    const bornHere = new Set(this.allocated);
    const created = this.allocated.filter((o) => !freedNow.has(o) && o.refcnt > 0).map((o) => ({ id: hexId(o.addr), type: o.type.name }));
    const freed = this.freed.filter((f) => !bornHere.has(f.o)).map(({ id, type }) => ({ id, type }));
    const refcounts: StepDelta['refcounts'] = [];
    const refsAdded: StepDelta['refsAdded'] = [];
    const refsRemoved: StepDelta['refsRemoved'] = [];
    const key = ([l, r]: [string, PyObject]): string => `${l}\u0000${r.addr}`;
    const edge = (from: PyObject, [l, r]: [string, PyObject]) => ({ from: hexId(from.addr), to: hexId(r.addr), label: l });
    for (const [o, now] of view.objects) {
      const before = this.prev.objects.get(o);
      if (before === undefined) {
        if (bornHere.has(o)) for (const e of now.labelled) refsAdded.push(edge(o, e));
        continue;
      }
      if (before.refcount !== now.refcount) refcounts.push({ id: hexId(o.addr), from: before.refcount, to: now.refcount });
      if (before.labelled === now.labelled) continue;
      const was = new Set(before.labelled.map(key));
      const is = new Set(now.labelled.map(key));
      for (const e of now.labelled) if (!was.has(key(e))) refsAdded.push(edge(o, e));
      for (const e of before.labelled) if (!is.has(key(e))) refsRemoved.push(edge(o, e));
    }
    const collections: StepDelta['collections'] = [];
    const finalizers: StepDelta['finalizers'] = [];
    let stdout = '';
    for (const e of this.events) {
      if (e.type === 'gc.stop') {
        collections.push({ generation: e.generation, trigger: e.trigger, unreachable: e.unreachable, collected: e.collected, uncollectable: e.uncollectable });
      } else if (e.type === 'finalizer') {
        finalizers.push({ object: e.object, class: e.class, printed: e.printed, resurrected: e.resurrected });
      } else if (e.type === 'stdout') stdout += e.text;
    }
    return { created, freed, refcounts, refsAdded, refsRemoved, collections, finalizers, stdout };
  }
}

/** Told of every recorded step with the machine's frames as they are at it (another export, e.g. Python Tutor's format). */
export type StepObserver = (step: Step, frame: VMFrame, stack: readonly VMFrame[]) => void;

/** An observer a caller attached to a runtime's next traced runs (see Sandbox.exec's trace.observer). */
const observers = new WeakMap<SandboxRuntime, { observer: StepObserver; from: number }>();

/**
 * Attach (or with null, detach) the observer of `rt`'s traced runs. With `from`, it is told
 * of steps `from` on only, and the steps before are not built (see StepRecorder's `from`).
 */
export function observeSteps(rt: SandboxRuntime, observer: StepObserver | null, from = 0): void {
  if (observer) observers.set(rt, { observer, from });
  else observers.delete(rt);
}

/**
 * A counter a caller attached to a runtime's next traced runs instead of recording them: it
 * is told each step's index and event as the step is taken — the same numbering as recorded
 * steps, up to the same budget — and nothing is recorded (see Sandbox.forkAtStep, which only
 * needs to know where step n falls).
 */
export type StepCounter = (index: number, event: TraceEvent) => void;
const counters = new WeakMap<SandboxRuntime, StepCounter>();

/** Attach (or with null, detach) the counter of `rt`'s traced runs. */
export function countSteps(rt: SandboxRuntime, counter: StepCounter | null): void {
  if (counter) counters.set(rt, counter);
  else counters.delete(rt);
}

/** A traced run that only counts its steps (see StepCounter): no steps, views or deltas kept. */
function execCounted(rt: SandboxRuntime, code: string, maxSteps: number, counter: StepCounter): TracedExecResult {
  const I = interpreterFor(rt);
  const m = machineFor(I);
  let index = 0;
  const run = startProgram(I, code, I.filename, (event) => {
    // As StepRecorder.onEvent: past the budget the program runs on untraced.
    if (index >= maxSteps) {
      m.tracer = null;
      return;
    }
    counter(index++, event);
  });
  run.advance();
  return { ...run.outcome!, steps: [], after: null, truncated: null };
}

export interface TracedExecResult {
  stdout: string;
  stderr: string;
  error: null | { type: string; message: string; line: number | null; column: number | null; traceback: string };
  steps: Step[];
  after: StepDelta | null;
  truncated: TraceOutcome['truncated'];
}

/**
 * Run `code` traced: compiled by heaplab's bytecode compiler, run on the machine with the
 * recorder as its trace hook. Source that does not compile (a SyntaxError, or a construct
 * the compiler refuses) runs as an untraced exec does, with no steps and `truncated`
 * saying why.
 */
export function execTraced(rt: SandboxRuntime, code: string, maxSteps = DEFAULT_TRACE_STEPS): TracedExecResult {
  const counter = counters.get(rt);
  if (counter) return execCounted(rt, code, maxSteps, counter);
  const observed = observers.get(rt) ?? null;
  const I = interpreterFor(rt);
  const m = machineFor(I);
  const heap = rt.heap;
  const events = rt.events;
  const rec = new StepRecorder(rt, maxSteps, () => {
    m.tracer = null;
  }, observed?.observer ?? null, observed?.from ?? 0);
  const listener = events.listener;
  heap.watcher = { allocated: (o) => rec.allocatedObject(o), freed: (o) => rec.freedObject(o) };
  events.listener = (e) => {
    rec.event(e);
    listener?.(e);
  };
  let run;
  let after: StepDelta | null;
  try {
    run = startProgram(I, code, I.filename, (event, frame, line) => rec.onEvent(event, frame, line, m.stack));
    run.advance();
    after = rec.after();
  } finally {
    heap.watcher = null;
    events.listener = listener;
  }
  const out = run.outcome!;
  if (!run.started) {
    // Refused before it ran (a SyntaxError, a construct the compiler lacks): no steps.
    const why = out.error?.type === 'SyntaxError' ? 'the source does not compile' : `the bytecode compiler refused it (${out.error?.message ?? ''})`;
    return { ...out, steps: [], after: null, truncated: { reason: `${why}: it ran untraced`, atStep: 0 } };
  }
  return { ...out, steps: rec.steps, after, truncated: rec.truncated };
}
