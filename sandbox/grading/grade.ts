/**
 * Grading: an exercise and a submission in, one result per check out. Pure (synchronous, or
 * as a generator a host drives slice by slice): a fresh Sandbox per run, no clocks (a host may pass wall-clock guards as `startGuard`,
 * which is the only thing that can make two runs differ), so the same submission always
 * gets the same result.
 *
 * The run: `setup`, the submission, `after`, each an `exec` of its own (so each has the
 * sandbox's per-request step budget), then the checks in the order listed. Every observed
 * value comes from the code a lesson's own statement would run: a refcount is what
 * `sys.getrefcount` returns, run as Python in the sandbox; `collect` is the `collect` op
 * (gc.collect()'s collector); sizes are `sys.getsizeof`. A check's probe binds one global
 * for as long as it takes to read it (`_heaplab_value`), then deletes it.
 */
import { Sandbox, type ExecResult, type SandboxLog } from '../sandbox.js';
import type { Event } from '../events.js';
import type { PyObject } from '../objects.js';
import { strOf } from '../runtime.js';
import type { Check, Exercise, Visibility } from './exercise.js';
import { findCycle } from './cycles.js';

export interface GradeOptions {
  /** The sandbox's limits (the caller merges the exercise's budgets with its own maxima). */
  limits?: { maxObjects?: number; maxBytes?: number; maxSteps?: number; maxEventsPerOp?: number };
  /**
   * Starts a host guard (a wall-clock deadline) polled while Python runs; true stops what
   * runs. One is started for the setup, one for the submission and one for `after` and the
   * checks together, so a submission that runs out of time leaves the checks theirs.
   */
  startGuard?: () => () => boolean;
  /**
   * Run the submission in slices of this many instructions: {@link gradeSteps} yields
   * between two, so a host can serve other work meanwhile. Slicing never changes the result.
   */
  sliceInstructions?: number;
}

/** One part of the run as the learner's terminal would show it. */
export interface PartResult {
  stdout: string;
  stderr: string;
  error: { type: string; message: string; line: number | null } | null;
  /** A budget stopped it: `steps` (deterministic) or `time` (the host's guard). */
  stoppedBy: 'steps' | 'time' | null;
}

export type CheckStatus = 'passed' | 'failed' | 'error';

export interface CheckResult {
  name: string;
  kind: Check['kind'];
  status: CheckStatus;
  points: number;
  score: number;
  visibility: Visibility;
  /** What was found, in a sentence (no feedback in it). */
  message: string;
  /** The instructor's feedback, when the check failed. */
  feedback?: string;
  expected?: unknown;
  observed?: unknown;
}

export interface GradeResult {
  exercise: { id: string; title: string };
  score: number;
  maxScore: number;
  checks: CheckResult[];
  setup: PartResult | null;
  submission: PartResult;
  after: PartResult | null;
  /** What went wrong with the exercise itself (not the learner's doing): setup raised, a python check raised. */
  exerciseErrors: string[];
  /** The op log of setup, submission and after (the checks' probes are not in it): replay it to get the learner's heap. */
  log: SandboxLog;
}

/** The global a probe binds for the instant it takes to read it. */
const VALUE = '_heaplab_value';
const SYS = '_heaplab_sys';

/**
 * How a check reads its value, for the kinds that read one from Python's own functions:
 * Python source run at module level that binds `_heaplab_value` (with `_heaplab_sys` bound
 * to sys), or a collection, or len(gc.garbage). Exported so the tests can run the very same
 * probes in CPython.
 */
export type Probe = { kind: 'exec'; code: string } | { kind: 'collect'; generation: 0 | 1 | 2 } | { kind: 'garbage' };
export function probeOf(c: Check): Probe | null {
  const exec = (expr: string): Probe => ({ kind: 'exec', code: `import sys as ${SYS}\n${VALUE} = ${expr}\n` });
  switch (c.kind) {
    case 'refcount': return exec(`${SYS}.getrefcount(${c.expr})`);
    case 'size': return exec(`${SYS}.getsizeof(${c.expr})`);
    case 'python': return exec(`True if (${c.expr}) else False`);
    case 'collect': return { kind: 'collect', generation: (c.generation ?? 2) as 0 | 1 | 2 };
    case 'no_garbage': return { kind: 'garbage' };
    default: return null;
  }
}
/** Stdout a `matches` check searches at most (the sandbox caps output, this caps the search). */
const MAX_SEARCHED = 1_000_000;
/** Output quoted as a check's observed value at most (the comparison uses all of it). */
const MAX_QUOTED = 10_000;
const quoted = (s: string) => (s.length > MAX_QUOTED ? `${s.slice(0, MAX_QUOTED)}… (${s.length - MAX_QUOTED} more characters)` : s);

/**
 * Watches deaths for alive/freed: the objects marked by name, and every object of the
 * watched class names. A death during a collection is the collector's; any other is
 * reference counting's.
 */
class DeathWatch {
  readonly marked = new Map<PyObject, 'refcount' | 'collector' | null>();
  readonly byType = new Map<string, { refcount: number; collector: number }>();
  constructor(private readonly sb: Sandbox) {}

  install(): void {
    const heap = this.sb.runtime.heap;
    heap.onDeath = (o) => {
      if (this.marked.size > 0 && this.marked.has(o) && this.marked.get(o) === null) {
        this.marked.set(o, heap.collecting ? 'collector' : 'refcount');
      }
      if (this.byType.size > 0) {
        const t = this.byType.get(o.type.name);
        if (t) {
          if (heap.collecting) t.collector++;
          else t.refcount++;
        }
      }
    };
  }

  uninstall(): void {
    this.sb.runtime.heap.onDeath = null;
  }
}

/** The result of one exec, as a learner would read it. */
function part(sb: Sandbox, r: ExecResult): PartResult {
  const hit = sb.runtime.heap.budgetHit;
  return {
    stdout: r.stdout,
    stderr: r.stderr,
    error: r.error ? { type: r.error.type, message: r.error.message, line: r.error.line } : null,
    stoppedBy: r.error && (hit === 'steps' || hit === 'time') ? hit : null,
  };
}

/** Grade `submission` against `exercise`. Never throws for anything the submission does. */
export function grade(exercise: Exercise, submission: string, opts: GradeOptions = {}): GradeResult {
  const steps = gradeSteps(exercise, submission, { ...opts, sliceInstructions: undefined });
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * {@link grade} as a generator that yields between two slices of the submission (every
 * `opts.sliceInstructions` instructions), for a host that serves other requests meanwhile.
 * It must be run to its end.
 */
export function gradeSteps(exercise: Exercise, submission: string, opts: GradeOptions = {}): Generator<void, GradeResult> {
  return new Run(exercise, submission, opts).grade();
}

class Run {
  private readonly sb: Sandbox;
  private readonly watch: DeathWatch;
  /** Finalizers that ran since the submission started: printed text and class. */
  private readonly finalizers: Array<{ printed: string; class: string }> = [];
  private finalizersDropped = 0;
  /** Variables marked for alive/freed: `${when}:${variable}` → the object, or null when unbound. */
  private readonly marks = new Map<string, PyObject | null>();
  private readonly exerciseErrors: string[] = [];
  private peak = { bytes: 0, objects: 0 };
  private submissionPart: PartResult | null = null;

  constructor(private readonly ex: Exercise, private readonly submission: string, private readonly opts: GradeOptions) {
    this.sb = new Sandbox({ limits: opts.limits });
    this.watch = new DeathWatch(this.sb);
  }

  /** The guard of the part running now (see GradeOptions.startGuard). */
  private guard: (() => boolean) | undefined;

  private startGuard(): void {
    this.guard = this.opts.startGuard?.();
  }

  private exec(code: string): ExecResult {
    return this.sb.exec(code, { interrupt: this.guard });
  }

  /** The submission's exec, yielding between two slices when the host asked for slices. */
  private *execSliced(code: string): Generator<void, ExecResult> {
    const run = this.sb.startExec(code, { interrupt: this.guard });
    const slice = this.opts.sliceInstructions ?? Infinity;
    while (!run.advance(slice)) yield;
    return run.result!;
  }

  /** Note the finalizers among `events` (and whether the per-op event cap dropped any). */
  private noteEvents(events: readonly Event[]): void {
    for (const e of events) {
      if (e.type === 'finalizer') this.finalizers.push({ printed: e.printed.replace(/\n$/, ''), class: e.class });
      else if (e.type === 'truncated') this.finalizersDropped += e.byType.finalizer ?? 0;
    }
  }

  *grade(): Generator<void, GradeResult> {
    const { ex } = this;
    const watching = ex.checks.some((c) => c.kind === 'alive' || c.kind === 'freed');
    if (watching) this.watch.install();
    try {
      return yield* this.run();
    } finally {
      this.watch.uninstall();
    }
  }

  private *run(): Generator<void, GradeResult> {
    const { ex, sb } = this;
    let setup: PartResult | null = null;
    this.startGuard();
    if (ex.setup !== undefined) {
      setup = part(sb, this.exec(ex.setup));
      if (setup.error) this.exerciseErrors.push(`the exercise's setup raised ${setup.error.type}: ${setup.error.message}`);
    }
    this.mark('setup');
    for (const c of ex.checks) {
      if ((c.kind === 'alive' || c.kind === 'freed') && c.type !== undefined) this.watch.byType.set(c.type, { refcount: 0, collector: 0 });
    }

    const heap = sb.runtime.heap;
    const base = { bytes: heap.bytes, objects: heap.objects.size };
    heap.peakBytes = base.bytes;
    heap.peakObjects = base.objects;
    this.startGuard();
    const subRun = yield* this.execSliced(this.submission);
    this.peak = { bytes: heap.peakBytes - base.bytes, objects: heap.peakObjects - base.objects };
    const submission = part(sb, subRun);
    this.submissionPart = submission;
    this.noteEvents(subRun.events);
    this.mark('submission');

    let after: PartResult | null = null;
    this.startGuard();
    if (ex.after !== undefined) {
      const r = this.exec(ex.after);
      this.noteEvents(r.events);
      after = part(sb, r);
    }
    const log = sb.log();

    const checks = setup?.error
      ? ex.checks.map((c) => this.result(c, 'error', 'not evaluated: the exercise setup failed'))
      : ex.checks.map((c) => this.evaluate(c));
    const maxScore = checks.reduce((s, c) => s + c.points, 0);
    const score = checks.reduce((s, c) => s + c.score, 0);
    return {
      exercise: { id: ex.id, title: ex.title }, score, maxScore, checks, setup, submission, after,
      exerciseErrors: this.exerciseErrors, log,
    };
  }

  /** Take the objects the alive/freed checks name, as bound now (after `when`). */
  private mark(when: 'setup' | 'submission'): void {
    for (const c of this.ex.checks) {
      if ((c.kind !== 'alive' && c.kind !== 'freed') || c.variable === undefined || (c.when ?? 'setup') !== when) continue;
      const key = `${when}:${c.variable}`;
      if (this.marks.has(key)) continue;
      const o = this.sb.runtime.globals.getStr(c.variable) ?? null;
      this.marks.set(key, o);
      if (o && !this.watch.marked.has(o)) this.watch.marked.set(o, null);
    }
  }

  private result(c: Check, status: CheckStatus, message: string, extra: { expected?: unknown; observed?: unknown } = {}): CheckResult {
    const points = c.points ?? 1;
    const r: CheckResult = {
      name: c.name, kind: c.kind, status, points, score: status === 'passed' ? points : 0,
      visibility: c.visibility ?? 'visible', message, ...extra,
    };
    if (status === 'failed' && c.feedback) r.feedback = c.feedback;
    if (status === 'error') this.exerciseErrors.push(`check "${c.name}": ${message}`);
    return r;
  }

  private pass(c: Check, ok: boolean, message: string, expected: unknown, observed: unknown): CheckResult {
    return this.result(c, ok ? 'passed' : 'failed', message, { expected, observed });
  }

  private evaluate(c: Check): CheckResult {
    const sub = this.submissionPart!;
    switch (c.kind) {
      case 'stdout': {
        const out = sub.stdout;
        if (c.equals !== undefined) {
          return this.pass(c, out === c.equals, out === c.equals ? 'output matches' : 'output differs', quoted(c.equals), quoted(out));
        }
        if (c.contains !== undefined) {
          const ok = out.includes(c.contains);
          return this.pass(c, ok, ok ? 'output contains the text' : 'output lacks the text', { contains: quoted(c.contains) }, quoted(out));
        }
        const ok = new RegExp(c.matches!).test(out.slice(0, MAX_SEARCHED));
        return this.pass(c, ok, ok ? 'output matches the pattern' : 'output does not match the pattern', { matches: c.matches }, quoted(out));
      }
      case 'refcount':
      case 'size': {
        const fn = c.kind === 'refcount' ? 'getrefcount' : 'getsizeof';
        const v = this.probe(probeOf(c) as { code: string });
        const what = `sys.${fn}(${c.expr})`;
        if ('error' in v) return this.pass(c, false, `${what} raised ${v.error}`, expectation(c), { error: v.error });
        const n = Number(v.value);
        return this.pass(c, compares(c, n), `${what} is ${v.value}`, expectation(c), n);
      }
      case 'collect': {
        const { generation } = probeOf(c) as { generation: 0 | 1 | 2 };
        const r = this.sb.apply([{ op: 'collect', generation }], { interrupt: this.guard });
        this.noteEvents(r.events);
        if (r.error) return this.result(c, 'error', `gc.collect(${generation}) raised ${r.error.pythonError.type}: ${r.error.pythonError.message}`);
        const n = (r.results[0] as { unreachable: number }).unreachable;
        return this.pass(c, compares(c, n), `gc.collect(${generation}) returned ${n}`, expectation(c), n);
      }
      case 'finalizers': {
        const seen = this.finalizers.map((f) => (c.match === 'class' ? f.class : f.printed));
        const ok = this.finalizersDropped === 0 && seen.length === c.order.length && seen.every((s, i) => s === c.order[i]);
        const note = this.finalizersDropped > 0 ? ` (and ${this.finalizersDropped} more not recorded: too many events in one step)` : '';
        return this.pass(c, ok, seen.length === 0 ? `no __del__ ran${note}` : `__del__ ran ${seen.length} time(s)${note}`, c.order, seen);
      }
      case 'no_garbage': {
        const n = this.sb.stats().garbage;
        return this.pass(c, n === 0, `len(gc.garbage) is ${n}`, 0, n);
      }
      case 'no_cycles': {
        const o = this.sb.runtime.globals.getStr(c.variable);
        if (!o) return this.pass(c, false, `name '${c.variable}' is not defined`, 'no cycle', { error: `NameError: name '${c.variable}' is not defined` });
        const found = findCycle(this.sb.runtime, o);
        if (found === 'too-large') return this.result(c, 'error', `what '${c.variable}' reaches is too large to search for cycles`);
        return this.pass(c, found === null, found === null ? `no cycle among what '${c.variable}' reaches` : `a cycle: ${found.join(' → ')}`,
          'no cycle', found === null ? null : found);
      }
      case 'peak': {
        const measure = c.measure ?? 'bytes';
        const n = this.peak[measure];
        return this.pass(c, n <= c.atMost, `peak ${measure === 'bytes' ? 'memory' : 'live objects'} above the start: ${n}`, { atMost: c.atMost }, n);
      }
      case 'raises': {
        const e = sub.error;
        const ok = e !== null && e.type === c.type && (c.message === undefined || e.message === c.message);
        return this.pass(c, ok, e ? `the submission raised ${e.type}: ${e.message}` : 'the submission raised nothing',
          { type: c.type, message: c.message }, e ? { type: e.type, message: e.message } : null);
      }
      case 'no_error': {
        const e = sub.error;
        return this.pass(c, e === null, e ? `the submission raised ${e.type}: ${e.message}` : 'the submission ran to its end', null,
          e ? { type: e.type, message: e.message } : null);
      }
      case 'python': {
        const v = this.probe(probeOf(c) as { code: string });
        if ('error' in v && v.budget) return this.pass(c, false, `evaluating it was stopped by a budget: ${v.error}`, true, { error: v.error });
        if ('error' in v) return this.result(c, 'error', `the check's expression raised ${v.error}`);
        return this.pass(c, v.value === 'True', `${c.expr} is ${v.value}`, true, v.value === 'True');
      }
      case 'alive':
      case 'freed':
        return this.lifeCheck(c);
    }
  }

  /** alive / freed: by marked name, or by class name. */
  private lifeCheck(c: Extract<Check, { kind: 'alive' | 'freed' }>): CheckResult {
    const by = c.kind === 'freed' ? (c.by ?? 'any') : 'any';
    if (c.type !== undefined) {
      const alive = this.sb.listObjects({ type: c.type, offset: 0, limit: 1, maxScan: 0 }).total > 0;
      const t = this.watch.byType.get(c.type)!;
      const observed = { alive, freedByRefcount: t.refcount, freedByCollector: t.collector };
      if (c.kind === 'alive') return this.pass(c, alive, alive ? `a ${c.type} is alive` : `no ${c.type} is alive`, { alive: true }, observed);
      const freed = t.refcount + t.collector;
      const ok = !alive && freed > 0 && (by === 'any' || (by === 'refcount' ? t.collector === 0 : t.refcount === 0));
      const msg = alive ? `a ${c.type} is still alive` : freed === 0 ? `no ${c.type} was freed` :
        `${t.refcount} ${c.type} freed by reference counting, ${t.collector} by the collector`;
      return this.pass(c, ok, msg, { freed: true, by }, observed);
    }
    const when = c.when ?? 'setup';
    const o = this.marks.get(`${when}:${c.variable}`) ?? null;
    if (o === null) {
      const msg = `name '${c.variable}' was not bound after the ${when}`;
      if (when === 'setup') return this.result(c, 'error', msg);
      return this.pass(c, false, msg, null, { error: msg });
    }
    const freedBy = this.watch.marked.get(o) ?? null;
    const observed = { alive: freedBy === null, freedBy };
    if (c.kind === 'alive') return this.pass(c, freedBy === null, freedBy === null ? 'it is alive' : `it was freed (by ${freedBy})`, { alive: true }, observed);
    const ok = freedBy !== null && (by === 'any' || by === freedBy);
    const msg = freedBy === null ? 'it is still alive' : freedBy === 'refcount' ? 'it was freed by reference counting' : 'it was freed by the collector';
    return this.pass(c, ok, msg, { freed: true, by }, observed);
  }

  /**
   * Run a probe's code at module level and read the value it binds, as str() shows it; or
   * the exception it raised. The names it bound are unbound after.
   */
  private probe(p: { code: string }): { value: string } | { error: string; budget: boolean } {
    const r = this.exec(p.code);
    this.noteEvents(r.events);
    const globals = this.sb.runtime.globals;
    const v = r.error ? undefined : globals.getStr(VALUE);
    // A budget stopping a probe means code the submission left behind ran away (a __bool__
    // or __eq__ that never returns): the learner's doing, unlike an exception.
    const budget = r.error !== null && part(this.sb, r).stoppedBy !== null;
    const out: { value: string } | { error: string; budget: boolean } = v !== undefined ? { value: strOf(v) }
      : { error: r.error ? `${r.error.type}: ${r.error.message}` : 'no value', budget };
    for (const name of [VALUE, SYS]) {
      if (globals.getStr(name) !== undefined) this.noteEvents(this.sb.apply([{ op: 'del', name }]).events);
    }
    return out;
  }
}

function expectation(c: { equals?: number; atLeast?: number; atMost?: number }): unknown {
  return c.equals !== undefined ? c.equals : { atLeast: c.atLeast, atMost: c.atMost };
}

function compares(c: { equals?: number; atLeast?: number; atMost?: number }, n: number): boolean {
  if (c.equals !== undefined) return n === c.equals;
  return (c.atLeast === undefined || n >= c.atLeast) && (c.atMost === undefined || n <= c.atMost);
}
