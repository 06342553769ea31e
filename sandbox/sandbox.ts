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
import { BudgetExceeded } from './heap.js';
import {
  BoundedGraph, GcStats, ObjectDetail, ObjectSummary, detail, gcStats, generationsOf, graphBudget, graphToDot,
  gcListOf, heapGraph, nameBindings, summarize,
} from './queries.js';
import { PyObject } from './objects.js';
import { exportPython } from './export.js';
import { type ExecStartHook, type StartedProgram, hasInterpreter, pythonExecHook, pythonStartHook, startInterpreter } from './python/index.js';
import {
  type SandboxSnapshot, SNAPSHOT_FORMAT, SnapshotError, SnapshotRefusal, type Template, decodeState, encodeState, needsPython, templateOf,
} from './snapshot/index.js';
import { type Ref, numberBaseline, setFreshRoots } from './snapshot/graph.js';
import './snapshot/classes.js';
import { MemoryLog, TailLog, type OpLog } from './oplog.js';
import { AlivePath, whyAlive } from './paths.js';
import { type Step, type StepObserver, type TraceOutcome, countSteps, observeSteps } from './python/steps.js';

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
  /** Replay: spend at most this many steps on the op, whatever its own budget says. */
  stepsLeft?: number;
  /**
   * Replay: run a traced exec without recording its steps (the log keeps it traced). Recording
   * only reads — the heap, addresses, events and engine steps are those of the untraced run —
   * so nothing a replay rebuilds changes, and a replay of a traced exec costs what running it
   * costs rather than many times that (each step's view of the heap).
   */
  untraced?: boolean;
  /**
   * Atomic batches replay the log into a trial copy: what that replay may spend. The
   * batch itself then runs under the sandbox's own per-request step budget.
   */
  replay?: ReplayBudget;
}

export interface ApplyResult {
  results: OpResult[];
  events: Event[];
  error: null | { index: number; pythonError: PythonErrorInfo };
}

/**
 * Why a fork at a step was not made (see Sandbox.forkAtStep): the log has no traced exec;
 * the run has no step n (`steps`: how many it records); or step n is not a `line` event.
 */
export type StepForkRefusal =
  | { refused: 'no-trace' }
  | { refused: 'no-step'; steps: number }
  | { refused: 'not-a-line'; event: string };

/** `op` as it runs without recording steps (see ApplyOptions.untraced). */
function withoutTrace(op: Op): Op {
  if (op.op !== 'exec' || !op.trace) return op;
  const { trace: _trace, maxTraceSteps: _max, ...rest } = op;
  return rest;
}

/** The index of the last traced exec in `entries`, or -1. */
function lastTracedExec(entries: readonly LogEntry[]): number {
  for (let i = entries.length - 1; i >= 0; i--) {
    const op = entries[i]!.op;
    if (op.op === 'exec' && op.trace) return i;
  }
  return -1;
}

/** A step revisited (see Sandbox.stepAt): the step as recorded, and the heap graph at that moment. */
export interface StepState {
  step: Step;
  graph: BoundedGraph;
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
  /** A traced run's steps (see python/steps.ts) and why the trace stopped early, if it did. */
  steps?: Step[];
  after?: TraceOutcome['after'];
  truncated?: TraceOutcome['truncated'];
}

/**
 * Ops that change nothing observable, so the log need not record them: no object is
 * allocated or freed (getrefcount/getsizeof hold their target for the call and give it
 * back, never dropping a count to zero), no gc count, threshold or flag moves, no event
 * is emitted (so no seq number is taken), nothing is printed, and no engine step is spent.
 * Leaving them out keeps replay exact — the heap after a log without them is the heap
 * with them — and keeps logs (and the cost of replaying them) from filling with reads.
 * `exec` is never read-only: Python source can do anything.
 */
export const READ_ONLY_OPS: ReadonlySet<Op['op']> = new Set(['stats', 'getrefcount', 'getsizeof']);

/** Whether `op` is journaled (see READ_ONLY_OPS). */
export function isLogged(op: Op): boolean {
  return !READ_ONLY_OPS.has(op.op);
}

/**
 * What a replay (a replayed log, a fork, an atomic batch's trial copy) may spend: engine
 * steps in total, and a host guard (a wall-clock deadline) polled while it runs.
 */
export interface ReplayBudget {
  maxSteps?: number;
  interrupt?: () => boolean;
}

/**
 * A replay was refused or stopped by a limit, not by a divergence: `limit` names which
 * (`maxSteps`: one entry claims to have run longer than one request may; `replaySteps`:
 * the whole replay costs more steps than its budget; `time`: the host guard fired).
 * `index` is the entry where it was stopped, or null when refused before replaying.
 */
export class ReplayLimitError extends Error {
  constructor(
    public readonly limit: 'maxSteps' | 'replaySteps' | 'time',
    public readonly index: number | null,
    message: string,
  ) {
    super(message);
  }
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
let pythonStart: ExecStartHook | null = pythonStartHook;
/** The Python front end registers itself here (sandbox/python/index.ts). */
export function installPythonFrontEnd(hook: ExecHook, start: ExecStartHook | null = null): void {
  pythonFrontEnd = hook;
  pythonStart = start;
}

/**
 * A Python run in progress (see Sandbox.startExec): `advance(n)` runs at most about n more
 * instructions and says whether the run has ended; `result` is its reply once it has.
 */
export class ExecRun {
  result: ExecResult | null = null;

  constructor(
    private readonly program: StartedProgram | null,
    failed: PythonErrorInfo | null,
    private readonly fail: (e: unknown) => PythonErrorInfo,
    private readonly end: (result: OpResult | undefined, failed: PythonErrorInfo | null) => ExecResult,
  ) {
    if (!program) this.result = end(undefined, failed);
  }

  advance(budget = Infinity): boolean {
    if (this.result) return true;
    const p = this.program!;
    let done: boolean;
    try {
      done = p.advance(budget);
    } catch (e) {
      this.result = this.end(undefined, this.fail(e));
      return true;
    }
    if (!done) return false;
    const out = p.outcome!;
    const err = out.error;
    this.result = this.end(out, err ? { type: err.type, message: err.message } : null);
    return true;
  }
}

export class Sandbox {
  private rt: SandboxRuntime;
  /** The op log; where it is kept is the host's choice (see oplog.ts). */
  private entries: OpLog<LogEntry>;
  /**
   * What replaying `entries` costs, in engine steps, each entry counting one more (so a
   * log of cheap ops still costs its length). Replay is deterministic, so replaying the
   * log spends exactly this: a fork can be refused before it starts.
   */
  private cost = 0;
  private listeners = new Set<(e: Event) => void>();
  /**
   * What the sandbox was built with, in walk order (snapshot/graph.ts), taken before its
   * first request ran anything: a snapshot names these objects by position. Null until then.
   */
  private baseline: Ref[] | null = null;
  /** Whether the baseline includes the Python interpreter (taken when the first request runs Python). */
  private baselinePython = false;
  readonly options: SandboxOptions;
  readonly limits: RuntimeLimits;

  constructor(options: SandboxOptions = {}, log: OpLog<LogEntry> = new MemoryLog()) {
    this.options = options;
    this.entries = log;
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

  /**
   * Take the baseline (see `baseline`) if it is not taken yet: before the first request
   * runs anything, with the interpreter attached first when that request runs Python (the
   * interpreter is made on first use, and building it later, on a heap ops have changed,
   * would not be the build a fresh sandbox repeats).
   */
  private takeBaseline(python: boolean): void {
    if (this.baseline) return;
    if (python) startInterpreter(this.rt);
    this.baselinePython = python;
    this.baseline = numberBaseline([this.rt]);
  }

  /**
   * What a fresh sandbox with these options holds (snapshot/codec.ts Template): made once
   * per options and kept for the process (at most TEMPLATES_KEPT of them).
   */
  static template(options: SandboxOptions, python: boolean): Template {
    const sb = new Sandbox(options);
    sb.takeBaseline(python);
    return templateOf([sb.rt], sb.baseline!);
  }

  /** The roots of a fresh sandbox with the interpreter attached (see setFreshRoots below). */
  static freshRoots(): unknown[] {
    const sb = new Sandbox();
    startInterpreter(sb.rt);
    return [sb.rt];
  }

  /**
   * The sandbox's state as a snapshot standing for its whole log so far, or why it cannot
   * be taken now: the state holds something the codec cannot carry exactly (a suspended
   * generator, a closure made by a program), or the interpreter was started after ops had
   * changed the heap. Call between requests only.
   */
  snapshot(): { snapshot: SandboxSnapshot } | { refused: string } {
    this.takeBaseline(false);
    if (!this.baselinePython && hasInterpreter(this.rt)) {
      return { refused: 'the Python interpreter was started after the sandbox\'s first request' };
    }
    let data: Uint8Array;
    try {
      data = encodeState(this.rt, this.baseline!, this.baselinePython, templateFor(this.options, this.baselinePython));
    } catch (err) {
      if (err instanceof SnapshotRefusal) return { refused: err.message };
      throw err;
    }
    return { snapshot: { format: SNAPSHOT_FORMAT, atEntry: this.entries.length, cost: this.cost, lastSeq: this.lastSeq, data } };
  }

  /**
   * Rebuild a sandbox from a snapshot and the log entries after it: the snapshot's state
   * is written into a fresh sandbox built the same way, then `log.readFrom(snap.atEntry)`
   * is replayed and `log` becomes the sandbox's log. Throws SnapshotError when the snapshot
   * cannot be read (another format or build, corrupt bytes, a log shorter than it claims):
   * the caller then replays the whole log (Sandbox.restore). The tail's errors are
   * Sandbox.restore's.
   */
  static restoreFrom(options: SandboxOptions, snap: SandboxSnapshot, log: OpLog<LogEntry>, budget: ReplayBudget = {},
    onEvents?: (events: readonly Event[]) => void): Sandbox {
    if (snap.format !== SNAPSHOT_FORMAT) throw new SnapshotError(`snapshot format ${snap.format}; this build reads ${SNAPSHOT_FORMAT}`);
    if (snap.atEntry > log.length) throw new SnapshotError(`the snapshot stands for ${snap.atEntry} log entries; the log holds ${log.length}`);
    const tail = log.readFrom(snap.atEntry);
    const sb = new Sandbox(options, new TailLog());
    sb.takeBaseline(needsPython(snap.data));
    if (decodeState(snap.data, sb.baseline!) !== sb.rt) throw new SnapshotError('the snapshot\'s root is not the runtime');
    sb.cost = snap.cost;
    for (let i = 0; i < snap.atEntry; i++) sb.entries.append(undefined as unknown as LogEntry);
    sb.checkStopPoints(tail);
    sb.replayEntries(tail, budget, onEvents);
    sb.entries = log;
    return sb;
  }

  /**
   * Rebuild a sandbox from its log; throws ReplayError if an op fails differently, and
   * ReplayLimitError if the log cannot be replayed within `budget` (or claims an entry
   * ran longer than this sandbox's step budget lets any op run).
   */
  static replay(log: SandboxLog, budget: ReplayBudget = {}, keep: OpLog<LogEntry> = new MemoryLog()): Sandbox {
    const sb = new Sandbox(log.options, keep);
    sb.checkStopPoints(log.entries);
    sb.replayEntries(log.entries, budget);
    return sb;
  }

  /**
   * Rebuild a sandbox whose log is already kept in `log` (a durable journal read back after
   * a restart): its entries are replayed without being appended again, then `log` becomes
   * the sandbox's log. `onEvents` sees each replayed op's events (the host keeps the last
   * few for subscribers' `since=`). Same errors as {@link replay}.
   */
  static restore(options: SandboxOptions, log: OpLog<LogEntry>, budget: ReplayBudget = {},
    onEvents?: (events: readonly Event[]) => void): Sandbox {
    const entries = log.read();
    const sb = new Sandbox(options, new TailLog());
    sb.checkStopPoints(entries);
    sb.replayEntries(entries, budget, onEvents);
    sb.entries = log;
    return sb;
  }

  /**
   * A live op is stopped by the step budget at its (maxSteps + 1)th step at the latest
   * (see apply), so no honest log records a later stop; a larger claim would make replay
   * run longer than any request may.
   */
  private checkStopPoints(entries: readonly LogEntry[]): void {
    const most = this.limits.maxSteps + 1;
    for (let i = 0; i < entries.length; i++) {
      const s = entries[i]!.stoppedAfterSteps;
      if (s !== undefined && s > most) {
        throw new ReplayLimitError('maxSteps', i,
          `entry ${i} claims it was stopped after ${s} steps; an op may run at most ${most} steps (maxSteps ${this.limits.maxSteps} + the step that stopped it)`);
      }
    }
  }

  /**
   * Apply a log's entries one by one, each stopped where it was stopped before. The whole
   * replay spends at most `budget.maxSteps` steps (each entry counting one more, as
   * `cost` does) and stops when `budget.interrupt` fires.
   */
  private replayEntries(entries: readonly LogEntry[], budget: ReplayBudget, onEvents?: (events: readonly Event[]) => void): void {
    const maxSteps = budget.maxSteps ?? Infinity;
    let timedOut = false;
    const interrupt = budget.interrupt
      ? () => (timedOut ||= budget.interrupt!())
      : undefined;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      // The entry itself counts one step of cost; it may run the rest of the budget.
      const stepsLeft = maxSteps - this.cost - 1;
      if (stepsLeft < 0) throw replayTooCostly(i, maxSteps);
      if (interrupt?.()) throw replayTooSlow(i);
      const own = entry.stoppedAfterSteps !== undefined ? entry.stoppedAfterSteps - 1 : this.limits.maxSteps;
      const r = this.apply([entry.op], { stopAfterSteps: entry.stoppedAfterSteps, interrupt, stepsLeft, untraced: true });
      if (timedOut) throw replayTooSlow(i);
      onEvents?.(r.events);
      const failed = r.error !== null;
      // Stopped by the replay's budget rather than by its own: a limit, not a divergence.
      if (failed && stepsLeft < own && this.rt.heap.budgetHit === 'steps') throw replayTooCostly(i, maxSteps);
      if (failed !== (entry.failed ?? false)) {
        throw new ReplayError(i, failed
          ? `op ${i} failed on replay: ${r.error!.pythonError.type}: ${r.error!.pythonError.message}`
          : `op ${i} was recorded as failing but succeeded on replay`);
      }
    }
  }

  /**
   * An independent copy (the log replayed into a new sandbox). Refused up front, with
   * ReplayLimitError, when replaying the log would cost more than `budget.maxSteps`.
   */
  fork(budget: ReplayBudget = {}, keep: OpLog<LogEntry> = new MemoryLog()): Sandbox {
    const maxSteps = budget.maxSteps ?? Infinity;
    if (this.cost > maxSteps) {
      throw new ReplayLimitError('replaySteps', null,
        `copying this sandbox replays its log, which costs ${this.cost} steps; one request may spend at most ${maxSteps}`);
    }
    const sb = new Sandbox(this.options, keep);
    sb.replayEntries(this.entries.read(), budget);
    return sb;
  }

  /**
   * Time travel: the sandbox as it was at step `n` of its last traced exec. Deterministic
   * replay makes it exact — the log before that exec is replayed into a copy, the exec runs
   * again traced, and the copy is read while step `n` is being taken (the run is stopped
   * there: nothing after it is needed). Steps before n - 1 are counted, not built (see
   * observeSteps's `from`), so step n costs about what running to it costs. Null when the log
   * holds no traced exec or the run has no step `n`. Costs at most what a fork costs
   * (ReplayLimitError past `budget`).
   */
  stepAt(n: number, budget: ReplayBudget, maxNodes: number): StepState | null {
    // The log is read back from where it is kept (a journal holds it outside the JS heap).
    const entries = this.entries.read();
    const at = lastTracedExec(entries);
    if (at < 0) return null;
    this.checkReplayCost(budget, 'revisiting a step');
    const copy = new Sandbox(this.options);
    copy.replayEntries(entries.slice(0, at), budget);
    const entry = entries[at]!;
    let found: StepState | null = null;
    // Steps before n - 1 are only counted; once step n is read, nothing more of the run is needed.
    observeSteps(copy.rt, (step) => {
      if (step.index !== n) return;
      const graph = heapGraph(copy.rt, 'names', graphBudget(maxNodes));
      found = { step, graph };
      copy.rt.heap.maxSteps = copy.rt.heap.steps;
    }, n);
    try {
      copy.apply([entry.op], { stopAfterSteps: entry.stoppedAfterSteps, interrupt: budget.interrupt });
    } finally {
      observeSteps(copy.rt, null);
    }
    return found;
  }

  /**
   * A new sandbox at step `n` of the last traced exec (POST .../fork {"atStep": n}).
   *
   * "At step n" is the moment GET .../steps/{n} shows: step n's line is about to run and has
   * not. The fork's log is this log up to the traced exec, then that exec again, stopped by
   * its recorded step count exactly where step n's line would have spent its first engine
   * step (`stoppedAfterSteps`, as a step budget stops a program) — so replaying or restoring
   * the fork rebuilds the same heap, and the fork runs further code at module level. Frames
   * still open at step n (calls in progress, and the module's temporaries such as a for
   * loop's iterator or the exception an except block handles) are abandoned as a budget abandons them, their references released:
   * a sandbox between two execs has no running frame. Module globals are those of step n.
   *
   * Only a `line` step can be forked: it is where the machine spends an engine step, so the
   * stop is exact; a `call`, `return` or `exception` event has no step of its own to stop at.
   * Costs about twice a fork (one replay finds step n's step count, one builds the fork).
   */
  forkAtStep(n: number, budget: ReplayBudget = {}, keep: OpLog<LogEntry> = new MemoryLog()): Sandbox | StepForkRefusal {
    const entries = this.entries.read();
    const at = lastTracedExec(entries);
    if (at < 0) return { refused: 'no-trace' };
    this.checkReplayCost(budget, 'forking at a step');
    const found = this.locateStep(entries, at, n, budget);
    if ('refused' in found) return found;
    const prefix = entries.slice(0, at);
    const stopped: LogEntry = { op: entries[at]!.op, failed: true, stoppedAfterSteps: found.stepsIn };
    const sb = new Sandbox(this.options, keep);
    sb.replayEntries([...prefix, stopped], budget);
    return sb;
  }

  /**
   * Replay `entries` before `at` into a throwaway copy and run entry `at` traced until its
   * step `n`: how many engine steps the exec had spent when step n was taken (the `line`
   * event's own step included). The copy is stopped right there.
   */
  private locateStep(entries: readonly LogEntry[], at: number, n: number, budget: ReplayBudget): { stepsIn: number } | StepForkRefusal {
    const copy = new Sandbox(this.options);
    copy.replayEntries(entries.slice(0, at), budget);
    const heap = copy.rt.heap;
    const before = heap.steps;
    let counted = 0;
    let event: string | null = null;
    let stepsIn = 0;
    countSteps(copy.rt, (index, e) => {
      counted = index + 1;
      if (index !== n) return;
      event = e;
      stepsIn = heap.steps - before;
      heap.maxSteps = heap.steps; // nothing more of this run is needed
    });
    const entry = entries[at]!;
    try {
      copy.apply([entry.op], { stopAfterSteps: entry.stoppedAfterSteps, interrupt: budget.interrupt });
    } finally {
      countSteps(copy.rt, null);
    }
    if (budget.interrupt?.()) throw replayTooSlow(at);
    const found = event as string | null;
    if (found === null) return { refused: 'no-step', steps: counted };
    if (found !== 'line') return { refused: 'not-a-line', event: found };
    return { stepsIn };
  }

  /** Refuse up front (ReplayLimitError) a replay of this log that would cost more than `budget`. */
  private checkReplayCost(budget: ReplayBudget, what: string): void {
    const maxSteps = budget.maxSteps ?? Infinity;
    if (this.cost > maxSteps) {
      throw new ReplayLimitError('replaySteps', null,
        `${what} replays this sandbox's log, which costs ${this.cost} steps; one request may spend at most ${maxSteps}`);
    }
  }

  /** What replaying this sandbox's log costs, in steps (see `cost`). */
  get replayCost(): number {
    return this.cost;
  }

  /** How many entries the log holds (read-only ops are not logged). */
  get logLength(): number {
    return this.entries.length;
  }

  /**
   * Apply ops in order. A Python-level failure at op k stops the batch: ops before k stay
   * applied (and op k's partial effects, as in CPython) — unless `atomic`, in which case
   * the batch runs on a fork and is adopted only if every op succeeds.
   */
  apply(ops: Op[], opts: ApplyOptions = {}): ApplyResult {
    if (!this.baseline) this.takeBaseline(ops.some((op) => op.op === 'exec'));
    if (opts.atomic) return this.applyAtomic(ops, opts);
    const heap = this.rt.heap;
    const results: OpResult[] = [];
    this.beginRequest(opts);
    let error: ApplyResult['error'] = null;
    try {
      for (let i = 0; i < ops.length; i++) {
        const op = ops[i]!;
        if (i > 0) this.rt.events.nextOp();
        const stepsBefore = heap.steps;
        heap.budgetHit = null;
        let failed: PythonErrorInfo | null;
        try {
          const r = this.applyOne(opts.untraced ? withoutTrace(op) : op);
          results.push(r.result);
          failed = r.failed;
        } catch (e) {
          failed = this.failureOf(e);
        }
        this.record(op, failed, stepsBefore);
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

  /**
   * Start running Python source as one logged `exec` op that the caller advances in slices
   * (ExecRun.advance), yielding to other work between them. Slicing never changes what the
   * program does: the machine resumes exactly where it stopped, and budgets count steps.
   * Until the run ends the sandbox must receive nothing else. With a front end that cannot
   * be suspended the whole program runs in the first slice.
   */
  startExec(code: string, opts: Pick<ApplyOptions, 'interrupt'> = {}): ExecRun {
    const heap = this.rt.heap;
    const op: Op = { op: 'exec', code };
    this.takeBaseline(true);
    this.beginRequest(opts);
    const stepsBefore = heap.steps;
    heap.budgetHit = null;
    let program: StartedProgram | null = null;
    let failed: PythonErrorInfo | null = null;
    try {
      if (this.rt.frames.length > 0) {
        throw new PyError('RuntimeError', 'exec runs at module level; return from the open call frames first');
      }
      if (!pythonStart) throw new PyError('RuntimeError', 'the Python front end is not available');
      program = pythonStart(this.rt, code);
    } catch (e) {
      failed = this.failureOf(e);
    }
    return new ExecRun(program, failed, (e) => this.failureOf(e), (result, why) => {
      this.record(op, why, stepsBefore);
      heap.interrupt = null;
      return this.execResult(result, why, this.rt.events.end());
    });
  }

  /** Set the budgets of one request (steps, the replayed stop point, the host guard). */
  private beginRequest(opts: ApplyOptions): void {
    const heap = this.rt.heap;
    this.rt.events.begin();
    // The step budget covers the whole request; a replayed op stops where it stopped.
    heap.stepBudget = this.limits.maxSteps;
    const own = opts.stopAfterSteps !== undefined ? opts.stopAfterSteps - 1 : this.limits.maxSteps;
    heap.maxSteps = heap.steps + Math.min(own, opts.stepsLeft ?? Infinity);
    heap.interrupt = opts.interrupt ?? null;
  }

  /** A failure thrown out of an op, as the Python error it reports. */
  private failureOf(e: unknown): PythonErrorInfo {
    const failed = this.rt.caller?.pythonError(e) ?? toPythonError(e);
    // What finalizers printed before the failure went out as events; don't carry it
    // into the next op's result.
    this.rt.takeOutput();
    return failed;
  }

  /** Journal a finished op (with where a budget stopped it) and what replaying it costs. */
  private record(op: Op, failed: PythonErrorInfo | null, stepsBefore: number): void {
    if (!isLogged(op)) return;
    const heap = this.rt.heap;
    const entry: LogEntry = failed ? { op, failed: true } : { op };
    if (failed && (heap.budgetHit === 'steps' || heap.budgetHit === 'time')) {
      entry.stoppedAfterSteps = heap.steps - stepsBefore;
    }
    this.entries.append(entry);
    this.cost += heap.steps - stepsBefore + 1;
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

  /**
   * An atomic batch runs on a trial copy and is adopted only if every op succeeds. A batch
   * of read-only ops cannot change anything, so it runs in place. Otherwise the copy is
   * the log replayed (as a fork is; a snapshot, where one can be taken, would copy it in
   * time bounded by the heap instead of the history — not done yet), so `opts.replay`
   * bounds what that replay may spend — ReplayLimitError when it would cost more — and the
   * batch then gets the usual per-request budget.
   */
  private applyAtomic(ops: Op[], opts: ApplyOptions): ApplyResult {
    if (!ops.some(isLogged)) return this.apply(ops, { interrupt: opts.interrupt });
    // The trial keeps only the batch's own entries; adopting it appends them to this log.
    const trialLog = new TailLog<LogEntry>();
    const trial = this.fork({ maxSteps: opts.replay?.maxSteps, interrupt: opts.replay?.interrupt ?? opts.interrupt }, trialLog);
    trialLog.keep();
    // The trial's events are published only if it is adopted.
    const r = trial.apply(ops, { interrupt: opts.interrupt });
    if (r.error) return { results: r.results, events: [], error: r.error };
    this.rt = trial.rt;
    this.baseline = trial.baseline;
    this.baselinePython = trial.baselinePython;
    // The trial's listener (part of its baseline) publishes to this sandbox's listeners.
    trial.listeners = this.listeners;
    for (const entry of trialLog.tail) this.entries.append(entry);
    this.cost = trial.cost;
    for (const e of r.events) this.publish(e);
    return r;
  }

  /**
   * Run Python source (the exec endpoint), to its end. With `trace`, the result holds its
   * steps (at most `trace.maxSteps`).
   */
  exec(code: string, opts: Pick<ApplyOptions, 'interrupt'> & { trace?: { maxSteps?: number; observer?: StepObserver } } = {}): ExecResult {
    const op: Op = opts.trace ? { op: 'exec', code, trace: true, maxTraceSteps: opts.trace.maxSteps } : { op: 'exec', code };
    if (op.maxTraceSteps === undefined) delete op.maxTraceSteps;
    observeSteps(this.rt, opts.trace?.observer ?? null);
    let r: ApplyResult;
    try {
      r = this.apply([op], { interrupt: opts.interrupt });
    } finally {
      observeSteps(this.rt, null);
    }
    const out = this.execResult(r.results[0], r.error?.pythonError ?? null, r.events);
    if (opts.trace) {
      const res = (r.results[0] ?? {}) as Partial<ExecResult>;
      out.steps = res.steps ?? [];
      out.after = res.after ?? null;
      out.truncated = res.truncated ?? null;
    }
    return out;
  }

  /** An exec op's reply from its result (absent when it failed before Python ran). */
  private execResult(result: OpResult | undefined, failed: PythonErrorInfo | null, events: Event[]): ExecResult {
    const res = (result ?? {}) as Partial<ExecResult>;
    if (failed && !result) {
      // Failed before Python ran (no front end, or called inside a call frame).
      return { stdout: '', stderr: '', events, error: { ...failed, line: null, column: null, traceback: '' } };
    }
    return { stdout: res.stdout ?? '', stderr: res.stderr ?? '', error: res.error ?? null, events };
  }

  // ---------------------------------------------------------------- queries

  stats(): GcStats {
    return gcStats(this.rt.heap);
  }

  /**
   * A page of live objects matching `q`, in LiveObjects order (or the generation's list order).
   * The walk stops once the page is full and it has counted `maxScan` objects in all, so a
   * page costs its offset, its size and the count budget, not the heap. `total` counts every
   * match when the walk saw the whole heap; otherwise it is what the walk had counted (a
   * lower bound) and `totalIsLowerBound` is true.
   */
  listObjects(q: {
    type?: string; generation?: 0 | 1 | 2 | 'permanent'; tracked?: boolean; offset: number; limit: number; maxScan?: number;
  }): { total: number; items: ObjectSummary[]; totalIsLowerBound: boolean } {
    const heap = this.rt.heap;
    const maxScan = q.maxScan ?? Infinity;
    const matches = (o: PyObject): boolean =>
      (q.type === undefined || o.type.name === q.type) && (q.tracked === undefined || o.isTracked === q.tracked);
    const page: PyObject[] = [];
    let total = 0;
    let scanned = 0;
    let totalIsLowerBound = false;
    for (const o of q.generation === undefined ? heap.objects.inOrder(true) : gcListOf(heap, q.generation)) {
      if (++scanned > maxScan && total >= q.offset + q.limit) {
        totalIsLowerBound = true;
        break;
      }
      if (!matches(o)) continue;
      if (total >= q.offset && page.length < q.limit) page.push(o);
      total++;
    }
    const gens = generationsOf(heap, page);
    return { total, items: page.map((o) => summarize(heap, o, gens)), totalIsLowerBound };
  }

  object(id: string): ObjectDetail | null {
    if (!/^0x[0-9a-f]+$/.test(id)) return null;
    const o = this.rt.heap.objects.get(parseInt(id.slice(2), 16));
    return o ? detail(this.rt.heap, o) : null;
  }

  /** Why the live object `id` is alive (see paths.ts), examining at most `budget` references; null: no such object. */
  whyAlive(id: string, budget: number): AlivePath | null {
    if (!/^0x[0-9a-f]+$/.test(id)) return null;
    const o = this.rt.heap.objects.get(parseInt(id.slice(2), 16));
    return o ? whyAlive(this.rt, o, budget) : null;
  }

  /** Name bindings per frame (globals first). */
  names(): Array<{ frame: string; names: Record<string, string> }> {
    return nameBindings(this.rt).frames;
  }

  /** {@link names}, at most `max` names in all; `truncated` says more exist. */
  boundedNames(max: number): { frames: Array<{ frame: string; names: Record<string, string> }>; truncated: boolean } {
    const { frames, truncated } = nameBindings(this.rt, max);
    return { frames, truncated };
  }

  /**
   * The object graph a lesson draws. `view: 'names'` (the default) starts from the names
   * in scope and from objects only the collector can still see (cycles awaiting
   * collection), and shows classes, functions and modules as leaves — their internals
   * (namespace dicts, MRO tuples, globals) would bury the picture. `view: 'all'` shows
   * every live object except the module namespace and the gc module's own lists.
   * `maxNodes` bounds the work as well as the reply (see heapGraph and graphBudget); `maxItems`
   * the items drawn per container (the rest are counted in `cut`).
   */
  graph(opts: { view?: 'names' | 'all'; maxNodes?: number; maxItems?: number } = {}): BoundedGraph {
    const budget = opts.maxNodes === undefined ? { maxNodes: Infinity, maxReferences: Infinity, maxSweep: Infinity } : graphBudget(opts.maxNodes);
    return heapGraph(this.rt, opts.view ?? 'names', { ...budget, maxItems: opts.maxItems });
  }

  toDot(opts: { view?: 'names' | 'all' } = {}): string {
    return graphToDot(this.graph(opts));
  }

  log(): SandboxLog {
    return { version: 1, options: this.options, entries: this.entries.read() };
  }

  exportPython(): string {
    return exportPython(this.entries.read());
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

function replayTooCostly(index: number, maxSteps: number): ReplayLimitError {
  return new ReplayLimitError('replaySteps', index,
    `replaying the log passed ${maxSteps} steps at entry ${index}; one request may spend at most ${maxSteps}`);
}

function replayTooSlow(index: number): ReplayLimitError {
  return new ReplayLimitError('time', index, `replaying the log ran out of time at entry ${index}`);
}

function toPythonError(e: unknown): PythonErrorInfo {
  if (e instanceof PyError) return { type: e.pyType, message: e.message };
  if (e instanceof BudgetExceeded) return { type: 'TimeoutError', message: e.message };
  if (e instanceof RangeError) {
    return /call stack/i.test(e.message) ? { type: 'RecursionError', message: 'maximum recursion depth exceeded' } : { type: 'MemoryError', message: '' };
  }
  throw e;
}

// The process-wide values a sandbox reaches (snapshot/graph.ts sharedIndex) are found by
// building fresh sandboxes with the interpreter.
setFreshRoots(() => Sandbox.freshRoots());

/** The templates snapshots leave out, by options (a few: a host's sandboxes share a handful of option sets). */
const templates = new Map<string, Template>();
const TEMPLATES_KEPT = 16;

function templateFor(options: SandboxOptions, python: boolean): Template {
  const key = `${python}|${JSON.stringify(options)}`;
  let t = templates.get(key);
  if (!t) {
    t = Sandbox.template(options, python);
    if (templates.size >= TEMPLATES_KEPT) templates.delete(templates.keys().next().value!);
    templates.set(key, t);
  }
  return t;
}
