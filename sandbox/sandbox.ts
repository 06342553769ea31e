/**
 * Sandbox: the engine's public face. It applies batches of ops (optionally atomically),
 * keeps the replayable op log, answers the read-only queries (stats, objects, names,
 * graph), and exports its log as a Python program.
 *
 * Determinism is the contract: the same log always rebuilds the same heap — the same
 * addresses, refcounts and event sequence — which is what makes replay, fork and atomic
 * batches (run on a fork, adopted only on success) possible.
 */
import { z } from 'zod';
import { Op, SandboxOptions } from './ops.js';
import type { Event } from './events.js';
import { SandboxRuntime, DEFAULT_LIMITS, RuntimeLimits } from './runtime.js';
import { ExecHook, OpResult, applyOp } from './apply.js';
import { PyError } from './containers.js';
import { BudgetExceeded, hexId } from './heap.js';
import {
  GcStats, Graph, ObjectDetail, ObjectSummary, detail, gcStats, generationMap, heapGraph, summarize,
} from './queries.js';
import { PyObject } from './objects.js';
import { exportPython } from './export.js';
import { pythonExecHook } from './python/index.js';

/**
 * One applied op in the log; `failed` marks an op that raised (its partial effects stay).
 * `stoppedAfterSteps` records where a step or time budget stopped it, so replay stops the
 * program at exactly the same point whatever budgets and clocks say then.
 */
export const LogEntry = z
  .object({
    op: Op,
    failed: z.boolean().optional(),
    stoppedAfterSteps: z.number().int().min(0).optional(),
  })
  .strict();
export type LogEntry = z.infer<typeof LogEntry>;

/** A sandbox's whole history: the options it was created with and every op applied. */
export const SandboxLog = z
  .object({
    version: z.literal(1),
    options: SandboxOptions,
    entries: z.array(LogEntry).max(1_000_000),
  })
  .strict();
export type SandboxLog = z.infer<typeof SandboxLog>;

export interface PythonErrorInfo {
  type: string;
  message: string;
}

export interface ApplyOptions {
  /** Run the batch on a fork and adopt it only if every op succeeds. */
  atomic?: boolean;
  /**
   * A host guard (e.g. a wall-clock deadline) polled while programs run; returning true
   * stops the running op with a TimeoutError. Where it stopped is logged in steps.
   */
  interrupt?: () => boolean;
  /** Replay: stop the (single) op after exactly this many steps, as it was stopped before. */
  stopAfterSteps?: number;
}

export interface ApplyResult {
  results: OpResult[];
  events: Event[];
  error: null | { index: number; pythonError: PythonErrorInfo };
}

export interface ExecError extends PythonErrorInfo {
  line: number | null;
  column: number | null;
  traceback: string;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  error: ExecError | null;
  events: Event[];
}

/** Replaying a log did not reproduce what the log recorded. */
export class ReplayError extends Error {
  constructor(
    public readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

let pythonFrontEnd: ExecHook | null = pythonExecHook;
/** The Python front end registers itself here (sandbox/python/index.ts). */
export function installPythonFrontEnd(hook: ExecHook): void {
  pythonFrontEnd = hook;
}

export class Sandbox {
  private rt: SandboxRuntime;
  private entries: LogEntry[] = [];
  private readonly listeners = new Set<(e: Event) => void>();
  readonly options: SandboxOptions;
  readonly limits: RuntimeLimits;

  constructor(options: SandboxOptions = {}) {
    this.options = options;
    this.limits = {
      maxObjects: options.limits?.maxObjects ?? DEFAULT_LIMITS.maxObjects,
      maxBytes: options.limits?.maxBytes ?? DEFAULT_LIMITS.maxBytes,
      maxSteps: options.limits?.maxSteps ?? DEFAULT_LIMITS.maxSteps,
      maxEventsPerOp: options.limits?.maxEventsPerOp ?? DEFAULT_LIMITS.maxEventsPerOp,
    };
    this.rt = this.freshRuntime();
  }

  private freshRuntime(): SandboxRuntime {
    const rt = new SandboxRuntime(this.limits);
    const gc = this.options.gc;
    if (gc?.enabled !== undefined) rt.heap.enabled = gc.enabled;
    gc?.threshold?.forEach((t, i) => (rt.heap.generations[i]!.threshold = t));
    rt.events.listener = (e) => this.publish(e);
    return rt;
  }

  private publish(e: Event): void {
    for (const l of this.listeners) l(e);
  }

  /** Rebuild a sandbox from its log; throws ReplayError if an op fails differently. */
  static replay(log: SandboxLog): Sandbox {
    const sb = new Sandbox(log.options);
    sb.replayEntries(log.entries);
    return sb;
  }

  private replayEntries(entries: LogEntry[]): void {
    entries.forEach((entry, i) => {
      const r = this.apply([entry.op], { stopAfterSteps: entry.stoppedAfterSteps });
      const failed = r.error !== null;
      if (failed !== (entry.failed ?? false)) {
        throw new ReplayError(i, failed
          ? `op ${i} failed on replay: ${r.error!.pythonError.type}: ${r.error!.pythonError.message}`
          : `op ${i} was recorded as failing but succeeded on replay`);
      }
    });
  }

  /** An independent copy (the log replayed into a new sandbox). */
  fork(): Sandbox {
    const sb = new Sandbox(this.options);
    sb.replayEntries(this.entries);
    return sb;
  }

  /**
   * Apply ops in order. A Python-level failure at op k stops the batch: ops before k stay
   * applied (and op k's partial effects, as in CPython) — unless `atomic`, in which case
   * the batch runs on a fork and is adopted only if every op succeeds.
   */
  apply(ops: Op[], opts: ApplyOptions = {}): ApplyResult {
    if (opts.atomic) return this.applyAtomic(ops, opts);
    const heap = this.rt.heap;
    const results: OpResult[] = [];
    this.rt.events.begin();
    let error: ApplyResult['error'] = null;
    // The step budget covers the whole request; a replayed op stops where it stopped.
    heap.stepBudget = this.limits.maxSteps;
    heap.maxSteps = heap.steps + (opts.stopAfterSteps !== undefined ? opts.stopAfterSteps - 1 : this.limits.maxSteps);
    heap.interrupt = opts.interrupt ?? null;
    try {
      for (let i = 0; i < ops.length; i++) {
        const op = ops[i]!;
        const stepsBefore = heap.steps;
        heap.budgetHit = null;
        let failed: PythonErrorInfo | null;
        try {
          const r = this.applyOne(op);
          results.push(r.result);
          failed = r.failed;
        } catch (e) {
          failed = toPythonError(e);
          // What finalizers printed before the failure went out as events; don't carry it
          // into the next op's result.
          this.rt.takeOutput();
        }
        const entry: LogEntry = failed ? { op, failed: true } : { op };
        if (failed && (heap.budgetHit === 'steps' || heap.budgetHit === 'time')) {
          entry.stoppedAfterSteps = heap.steps - stepsBefore;
        }
        this.entries.push(entry);
        if (failed) {
          error = { index: i, pythonError: failed };
          break;
        }
      }
    } finally {
      heap.interrupt = null;
    }
    return { results, events: this.rt.events.end(), error };
  }

  private applyOne(op: Op): { result: OpResult; failed: PythonErrorInfo | null } {
    if (op.op === 'exec' && this.rt.frames.length > 0) {
      throw new PyError('RuntimeError', 'exec runs at module level; return from the open call frames first');
    }
    const result = applyOp(this.rt, op, pythonFrontEnd);
    if (op.op === 'exec') {
      const err = result.error as ExecError | null | undefined;
      if (err) return { result, failed: { type: err.type, message: err.message } };
    } else {
      // Output of finalizers and callbacks the op triggered.
      const out = this.rt.takeOutput();
      if (out.stdout) result.stdout = out.stdout;
      if (out.stderr) result.stderr = out.stderr;
    }
    return { result, failed: null };
  }

  private applyAtomic(ops: Op[], opts: ApplyOptions): ApplyResult {
    const trial = this.fork();
    // The trial's events are published only if it is adopted.
    const r = trial.apply(ops, { interrupt: opts.interrupt });
    if (r.error) return { results: r.results, events: [], error: r.error };
    this.rt = trial.rt;
    this.rt.events.listener = (e) => this.publish(e);
    this.entries = trial.entries;
    for (const e of r.events) this.publish(e);
    return r;
  }

  /** Run Python source (the exec endpoint). */
  exec(code: string, opts: Pick<ApplyOptions, 'interrupt'> = {}): ExecResult {
    const r = this.apply([{ op: 'exec', code }], opts);
    const res = (r.results[0] ?? {}) as Partial<ExecResult>;
    if (r.error && !r.results[0]) {
      // Failed before Python ran (no front end, or called inside a call frame).
      return {
        stdout: '', stderr: '', events: r.events,
        error: { ...r.error.pythonError, line: null, column: null, traceback: '' },
      };
    }
    return { stdout: res.stdout ?? '', stderr: res.stderr ?? '', error: res.error ?? null, events: r.events };
  }

  // ---------------------------------------------------------------- queries

  stats(): GcStats {
    return gcStats(this.rt.heap);
  }

  listObjects(q: { type?: string; generation?: 0 | 1 | 2 | 'permanent'; tracked?: boolean; offset: number; limit: number }): { total: number; items: ObjectSummary[] } {
    const heap = this.rt.heap;
    let all: PyObject[];
    if (q.generation !== undefined) {
      const head = q.generation === 'permanent' ? heap.permanent : heap.generations[q.generation]!.head;
      all = [];
      for (let o = head.gcNext!; o !== head; o = o.gcNext!) all.push(o);
    } else {
      all = [...heap.objects.values()];
    }
    const matches = all.filter((o) =>
      (q.type === undefined || o.type.name === q.type) && (q.tracked === undefined || o.isTracked === q.tracked));
    const gens = generationMap(heap);
    return { total: matches.length, items: matches.slice(q.offset, q.offset + q.limit).map((o) => summarize(heap, o, gens)) };
  }

  object(id: string): ObjectDetail | null {
    if (!/^0x[0-9a-f]+$/.test(id)) return null;
    const o = this.rt.heap.objects.get(parseInt(id.slice(2), 16));
    return o ? detail(this.rt.heap, o) : null;
  }

  names(): Array<{ frame: string; names: Record<string, string> }> {
    const out: Array<{ frame: string; names: Record<string, string> }> = [];
    const globals: Record<string, string> = {};
    for (const [k, v] of this.rt.globals.entries()) {
      if (k.type.name === 'str') globals[(k as unknown as { value: string }).value] = hexId(v.addr);
    }
    out.push({ frame: '<module>', names: globals });
    for (const f of this.rt.frames) {
      const names: Record<string, string> = {};
      for (const [k, v] of f.locals) names[k] = hexId(v.addr);
      out.push({ frame: f.name, names });
    }
    return out;
  }

  /**
   * The object graph a lesson draws. `view: 'names'` (the default) starts from the names
   * in scope and from objects only the collector can still see (cycles awaiting
   * collection), and shows classes, functions and modules as leaves — their internals
   * (namespace dicts, MRO tuples, globals) would bury the picture. `view: 'all'` shows
   * every live object except the module namespace and the gc module's own lists.
   */
  graph(opts: { view?: 'names' | 'all' } = {}): Graph {
    return heapGraph(this.rt, this.names(), opts.view ?? 'names');
  }

  toDot(opts: { view?: 'names' | 'all' } = {}): string {
    const g = this.graph(opts);
    const q = (s: string): string => JSON.stringify(s);
    const lines = ['digraph heap {', '  node [shape=box, fontname="monospace"];'];
    for (const n of g.nodes) lines.push(`  ${q(n.id)} [label=${q(`${n.label}\nrefcount=${n.refcount} gen=${n.generation ?? '-'}`)}];`);
    for (const r of g.roots) {
      lines.push(`  ${q('name:' + r.frame + ':' + r.name)} [label=${q(r.name)}, shape=plaintext];`);
      lines.push(`  ${q('name:' + r.frame + ':' + r.name)} -> ${q(r.id)};`);
    }
    for (const e of g.edges) lines.push(`  ${q(e.from)} -> ${q(e.to)} [label=${q(e.label)}];`);
    lines.push('}');
    return lines.join('\n') + '\n';
  }

  log(): SandboxLog {
    return { version: 1, options: this.options, entries: this.entries.slice() };
  }

  exportPython(): string {
    return exportPython(this.entries);
  }

  get objectCount(): number {
    return this.rt.heap.objects.size;
  }

  get lastSeq(): number {
    return this.rt.events.lastSeq;
  }

  subscribe(listener: (e: Event) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A rough estimate of the memory this sandbox holds (bytes). */
  approxBytes(): number {
    return 2048 + this.rt.heap.objects.size * 160;
  }

  /** For the engine's own tests and benchmarks: the runtime underneath. */
  get runtime(): SandboxRuntime {
    return this.rt;
  }
}

function toPythonError(e: unknown): PythonErrorInfo {
  if (e instanceof PyError) return { type: e.pyType, message: e.message };
  if (e instanceof BudgetExceeded) return { type: 'TimeoutError', message: e.message };
  if (e instanceof RangeError) {
    return /call stack/i.test(e.message) ? { type: 'RecursionError', message: 'maximum recursion depth exceeded' } : { type: 'MemoryError', message: '' };
  }
  throw e;
}
