/**
 * The machine: ONE dispatch loop running CPython 3.11 code objects, with every frame as
 * data (frame.ts) and nothing on the JS stack per Python call.
 *
 * - A Python function called from Python code pushes a frame onto `stack` and the same
 *   loop continues in it; RETURN_VALUE pops it and pushes the value on the caller's stack.
 *   Recursion is bounded by the interpreter's recursion limit, not by the JS stack.
 * - `run(budget)` executes at most `budget` instructions and returns; everything it needs
 *   to continue (frames, instruction pointers, value stacks) is in the frames, so a later
 *   `run` resumes exactly where the last one stopped.
 * - When the engine calls a machine function from inside a builtin (sorted's key=, a
 *   `__del__`, `map`), the machine runs a nested loop over that one frame, as CPython's C
 *   code re-enters _PyEval_EvalFrameDefault.
 * - Exceptions unwind through the exception table (co_exceptiontable), frame by frame in
 *   the same loop, each frame adding its traceback entry as CPython's `error:` label does.
 * - Object-level behaviour (attributes, calls of builtins, operators, containers,
 *   exceptions, tracebacks, printing) belongs to the engine (interpreter.ts, builtins.ts):
 *   the opcode modules under ops/ call those owners and hold references as CPython's value
 *   stack and fast locals hold them.
 */
import { BudgetExceeded, type Heap } from '../../../heap.js';
import { None, type PyInt, type PyObject, intType } from '../../../objects.js';
import { type Interpreter, type Kw, Raise } from '../../interpreter.js';
import { PyFunction } from '../../pyobjects.js';
import type { CodeObject } from '../code.js';
import { OPNAME, Op } from '../opcodes.js';
import { loadProgram } from './consts.js';
import { type CodeInfo, VMFrame, handlerFor, instrPosition } from './frame.js';
import { CACHES, TABLE } from './dispatch.js';
import { call, infoOfFunction, newFunctionFrame, precall } from './ops/calls.js';
import { forIter, popTruth } from './ops/flow.js';
import { loadAttr, loadGlobal, loadMethod, loadName, storeAttr, storeName, unboundLocal } from './ops/names.js';
import { binaryOp, binarySubscr, compareNumbers, compareOp, intArith, storeSubscr } from './ops/operators.js';
import { installBuildClass } from './ops/classes.js';
import { registerSideTable } from '../../../snapshot/tables.js';

/**
 * Frames one sandbox's machine may hold at once. The recursion limit bounds them (1000 by
 * default); past a raised limit each frame still costs memory, so this is the frame
 * stack's memory budget.
 */
const MAX_FRAMES = 100_000;
/**
 * Loops nested in the engine's JS calls (a `__eq__` calling `==` on itself, a recursive
 * `__repr__`, a generator resumed by a builtin): JS stack, which is bounded whatever the
 * recursion limit says. CPython's C stack bounds the same recursions. The recursion limit
 * binds first up to it (python3 nests a `__hash__` through dict lookups 4999 deep under
 * setrecursionlimit(5000), which an engine thread's ENGINE_STACK_MB holds); past what the
 * thread's stack holds, the JS RangeError becomes the RecursionError (Interpreter.toRaise).
 */
const NESTED_LIMIT = 10_000;

/** A trace event as sys.settrace names them, with the line it is reported at. */
export type TraceEvent = 'call' | 'line' | 'return' | 'exception';
export type Tracer = (event: TraceEvent, frame: VMFrame, line: number) => void;

/** What a run ended with. */
export type RunStatus =
  | { readonly status: 'returned'; readonly value: PyObject }
  | { readonly status: 'raised'; readonly raise: Raise }
  | { readonly status: 'suspended' };


/** The value `execute` returns when the budget ran out before the entry frame finished. */
export const SUSPENDED = Symbol('suspended');

export class Machine {
  readonly heap: Heap;
  /** Frames of this machine, innermost last (nested runs push theirs on top). */
  readonly stack: VMFrame[] = [];
  /** The trace hook (sys.settrace's events), or null. */
  tracer: Tracer | null = null;
  /** Instructions left in the current top-level slice. */
  private remaining = Infinity;
  /** The module frame of the loaded program, until it finishes. */
  private main: VMFrame | null = null;

  constructor(readonly I: Interpreter) {
    this.heap = I.heap;
    machines.set(I, this);
    I.machineCall = (fn, args, kw) => this.callFromEngine(fn, args, kw);
    installBuildClass(this);
  }

  /** Load a module's code object (its constants become heap objects) and make its frame. */
  load(module: CodeObject, source: string): void {
    const info = loadProgram(this.I, module, source);
    const g = this.I.rt.globals;
    const f = new VMFrame(info, g, g, null);
    f.isEntry = true;
    this.main = f;
    this.pushFrame(f);
  }

  /**
   * Run the loaded program for at most `budget` instructions. 'suspended' leaves every frame
   * as it was, to be continued by the next call; 'returned' / 'raised' end the program.
   */
  run(budget = Infinity): RunStatus {
    const main = this.main;
    if (!main) throw new Error('no program loaded');
    this.remaining = budget;
    let v: PyObject | typeof SUSPENDED;
    try {
      v = this.execute(0, true);
    } catch (e) {
      this.main = null;
      if (e instanceof Raise) return { status: 'raised', raise: e };
      throw e;
    }
    if (v === SUSPENDED) return { status: 'suspended' };
    this.main = null;
    return { status: 'returned', value: v };
  }

  /**
   * The interpreter's hook for a machine function called by the engine (a builtin calling
   * back, a class instantiation running `__init__`): a nested loop over its frame.
   * Consumes args and kw values; undefined when `fn` is not the machine's.
   */
  callFromEngine(fn: PyFunction, args: PyObject[], kw: Kw): PyObject | undefined {
    const info = infoOfFunction(fn);
    if (!info) return undefined;
    const f = newFunctionFrame(this, fn, info, args, kw);
    this.heap.incref(fn);
    try {
      this.pushFrame(f);
    } catch (e) {
      this.releaseFrame(f);
      throw e;
    }
    return this.runEntry(f);
  }

  /** Run an entry frame (just pushed) in a nested loop to its end: its return value (new reference). */
  runEntry(f: VMFrame): PyObject {
    f.isEntry = true;
    return this.nestedRun(null);
  }

  /**
   * A loop nested in the engine's JS call (a builtin calling back into Python): bounded by
   * NESTED_LIMIT as well as by the recursion limit, since each one is JS stack (CPython's C
   * stack). It runs to its end: only the top-level loop can stop midway.
   */
  private nestedRun(thrown: Raise | null): PyObject {
    if (this.nested >= NESTED_LIMIT) {
      const f = this.stack[this.stack.length - 1]!;
      this.popFrame(f);
      if (!f.gen) this.releaseFrame(f);
      throw this.I.error('RecursionError', 'maximum recursion depth exceeded while calling a Python object');
    }
    const saved = this.remaining;
    this.remaining = Infinity;
    this.nested++;
    try {
      return this.execute(this.stack.length - 1, false, thrown) as PyObject;
    } finally {
      this.nested--;
      this.remaining = saved;
    }
  }

  /** Loops nested in the engine's JS calls now running (see nestedRun). */
  private nested = 0;

  /**
   * Resume a suspended generator frame in a nested loop until it yields, returns or raises
   * (`thrown`: raised at the paused instruction). The engine's genResume has already put
   * the frame on its frame list and counted its depth.
   */
  resumeFrame(f: VMFrame, thrown: Raise | null): PyObject {
    f.isEntry = true;
    f.yielded = false;
    this.stack.push(f);
    return this.nestedRun(thrown);
  }

  /**
   * Push a frame: it becomes the one the loop runs. Checks the recursion limit first
   * (3.11's _Py_EnterRecursivePy counts Python frames); the caller cleans up on failure.
   */
  pushFrame(f: VMFrame): void {
    const I = this.I;
    if (I.depth >= I.recursionLimit) {
      throw I.error('RecursionError', 'maximum recursion depth exceeded');
    }
    if (this.stack.length >= MAX_FRAMES) {
      // Only reachable after sys.setrecursionlimit raised the limit: frames cost memory.
      throw I.error('MemoryError', `the sandbox's frame stack is full (${MAX_FRAMES} frames)`);
    }
    I.depth++;
    I.frames.push(f);
    this.stack.push(f);
  }

  /** Pop the innermost frame off the engine's frame list (it is finished or suspended). */
  popFrame(f: VMFrame): void {
    this.stack.pop();
    // A generator's frame is on the engine's list by genResume, which takes it off.
    if (f.gen) return;
    this.I.frames.pop();
    this.I.depth--;
  }

  /**
   * The loop. Runs the innermost frame until the frame at `base` returns (its value) or
   * raises (thrown as a Raise); `slice` lets the instruction budget suspend it (only the
   * top-level run can stop midway: a nested run is inside a JS call that needs its value).
   */
  execute(base: number, slice: boolean, thrown: Raise | null = null): PyObject | typeof SUSPENDED {
    const table = TABLE;
    const caches = CACHES;
    const heap = this.heap;
    const I = this.I;
    // The slice's instruction count lives in a local while the loop runs (a nested run,
    // which never slices, leaves it alone).
    let remaining = this.remaining;
    let f = this.stack[this.stack.length - 1]!;
    if (thrown) {
      // Raised at the paused instruction (TRACE_FUNCTION_THROW_ENTRY's `call` event first):
      // the frame's `error:` path adds its traceback entry.
      if (this.tracer) this.tracer('call', f, f.line);
      f = this.unwind(thrown, f, base);
    }
    for (;;) {
      try {
        for (;;) {
          if (slice && remaining-- <= 0) {
            this.remaining = 0;
            return SUSPENDED;
          }
          const at = f.ip;
          const info = f.info;
          const unit = info.units[at]!;
          const op = unit & 0xff;
          f.lasti = at;
          f.ip = at + 1 + caches[op]!;
          const line = info.lineOf[at]!;
          if (line !== f.prevLine || at < f.prevLasti || op === Op.RESUME) this.newLine(f, op, line, at);
          f.prevLasti = at;
          const arg = unit >> 8;
          // The common instructions run here, in one switch (V8 turns it into a jump
          // table); the rest go through the handler table (dispatch.ts).
          let next: VMFrame | null | void;
          switch (op) {
            case Op.NOP:
              continue;
            case Op.RESUME:
              f.info.warmup++;
              continue;
            case Op.LOAD_FAST: {
              const v = f.fast[arg];
              if (!v) unboundLocal(this, f, arg);
              heap.incref(v);
              f.vs.push(v);
              continue;
            }
            case Op.STORE_FAST: {
              const fast = f.fast;
              const old = fast[arg];
              fast[arg] = f.vs.pop()!;
              if (old) heap.decref(old);
              continue;
            }
            case Op.LOAD_CONST: {
              const v = info.consts[arg]!;
              heap.incref(v);
              f.vs.push(v);
              continue;
            }
            case Op.POP_TOP: {
              const v = f.vs.pop();
              if (v) heap.decref(v);
              continue;
            }
            case Op.PUSH_NULL:
              f.vs.push(null);
              continue;
            case Op.JUMP_FORWARD:
              f.ip += arg;
              continue;
            case Op.JUMP_BACKWARD:
              f.info.warmup++;
              f.ip -= arg;
              continue;
            case Op.JUMP_BACKWARD_NO_INTERRUPT:
              f.ip -= arg;
              continue;
            case Op.POP_JUMP_FORWARD_IF_FALSE:
              if (!popTruth(this, f)) f.ip += arg;
              continue;
            case Op.POP_JUMP_FORWARD_IF_TRUE:
              if (popTruth(this, f)) f.ip += arg;
              continue;
            case Op.POP_JUMP_BACKWARD_IF_FALSE:
              if (!popTruth(this, f)) f.ip -= arg;
              continue;
            case Op.POP_JUMP_BACKWARD_IF_TRUE:
              if (popTruth(this, f)) f.ip -= arg;
              continue;
            case Op.LOAD_GLOBAL:
              loadGlobal(this, f, arg);
              continue;
            case Op.LOAD_NAME:
              loadName(this, f, arg);
              continue;
            case Op.STORE_NAME:
              storeName(this, f, arg);
              continue;
            case Op.LOAD_ATTR:
              loadAttr(this, f, arg);
              continue;
            case Op.STORE_ATTR:
              storeAttr(this, f, arg);
              continue;
            case Op.LOAD_METHOD:
              loadMethod(this, f, arg);
              continue;
            case Op.COMPARE_OP: {
              const vs = f.vs;
              const b = vs[vs.length - 1]!;
              const a = vs[vs.length - 2]!;
              if (a.type === intType && b.type === intType && I.depth < I.recursionLimit) {
                const av = (a as PyInt).value;
                const bv = (b as PyInt).value;
                if (typeof av === 'number' && typeof bv === 'number') {
                  vs.pop();
                  vs[vs.length - 1] = I.bool(compareNumbers(arg, av, bv));
                  heap.decref(b);
                  heap.decref(a);
                  continue;
                }
              }
              compareOp(this, f, arg);
              continue;
            }
            case Op.BINARY_OP: {
              const vs = f.vs;
              const b = vs[vs.length - 1]!;
              const a = vs[vs.length - 2]!;
              if (a.type === intType && b.type === intType) {
                const r = intArith(arg, (a as PyInt).value, (b as PyInt).value);
                if (r === r) {
                  // A whole number within 2**53: the engine's int(), as intOp makes it.
                  const res = I.int(r); // (may raise MemoryError: the operands are still on the stack)
                  vs.pop();
                  vs[vs.length - 1] = res;
                  heap.decref(b);
                  heap.decref(a);
                  continue;
                }
              }
              binaryOp(this, f, arg);
              continue;
            }
            case Op.BINARY_SUBSCR:
              binarySubscr(this, f);
              continue;
            case Op.STORE_SUBSCR:
              storeSubscr(this, f);
              continue;
            case Op.FOR_ITER:
              forIter(this, f, arg);
              continue;
            case Op.PRECALL: {
              const vs = f.vs;
              if (vs[vs.length - arg - 2] !== null) continue;
              precall(this, f, arg);
              continue;
            }
            case Op.CALL:
              next = call(this, f, arg);
              break;
            case Op.RETURN_VALUE:
              next = null;
              break;
            default:
              next = table[op]!(this, f, arg);
          }
          if (next === undefined) continue;
          if (next === null) {
            // The frame returned (or yielded): its value is on top of its stack. Handing a
            // new generator back is not traced (RETURN_GENERATOR precedes the first RESUME).
            let v = f.vs.pop()!;
            if (this.tracer && op !== Op.RETURN_GENERATOR) this.tracer('return', f, f.line);
            this.leaveFrame(f, v);
            if (this.stack.length - 1 < base || f.isEntry) {
              if (slice) this.remaining = remaining;
              return v;
            }
            const done = f;
            f = this.stack[this.stack.length - 1]!;
            if (done.initOf) v = this.finishInit(done, v);
            f.vs.push(v);
          } else {
            f = next;
          }
        }
      } catch (e) {
        f = this.unwind(e, f, base);
      }
    }
  }

  /**
   * The line bookkeeping of CPython 3.11's tracing (ceval.c DO_TRACING and
   * maybe_call_line_trace), run when the instruction's line differs from the previous
   * one's, on a backward jump, and at RESUME:
   * - instructions before the first RESUME (MAKE_CELL, COPY_FREE_VARS, RETURN_GENERATOR,
   *   the POP_TOP of a generator's first resumption) are not traced;
   * - RESUME is the `call` event (a generator's every resumption too);
   * - another instruction is a `line` event when its line differs from the previous
   *   instruction's (the first after the first RESUME always counts as different), or when
   *   a backward jump lands on it (unless it is SEND: the `yield from` loop);
   * - an instruction without a line (None in co_lines) is never one.
   * Each `line` event is also a step of the sandbox's budget, and sets the frame's f_lineno.
   */
  private newLine(f: VMFrame, op: number, line: number, at: number): void {
    const first = f.info.firstTraceable;
    if (op === Op.RESUME) {
      f.line = line || f.line;
      if (this.tracer && at >= first) this.tracer('call', f, line);
      f.prevLine = at <= first ? -1 : line;
      return;
    }
    const backward = at < f.prevLasti && op !== Op.SEND;
    const changed = line !== f.prevLine;
    f.prevLine = line;
    if (line === 0 || at < first || !(changed || backward)) return;
    f.line = line;
    this.heap.step();
    if (this.tracer) this.tracer('line', f, line);
  }

  /** Finish the innermost frame `f` (returned `v`, or unwound): locals released. */
  leaveFrame(f: VMFrame, v: PyObject | null): void {
    this.popFrame(f);
    if (f.gen) return; // a generator's frame stays with its generator
    this.releaseFrame(f);
    void v;
  }

  /** Release what a finished frame holds: its stack, its function, its locals (localsplus order). */
  releaseFrame(f: VMFrame): void {
    const vs = f.vs;
    while (vs.length > 0) {
      const v = vs.pop();
      if (v) this.heap.decref(v);
    }
    this.I.exitFrame(f);
    const fn = f.func;
    if (fn) {
      f.func = null;
      this.heap.decref(fn);
    }
  }

  /**
   * An exception out of an instruction of `f`: find its handler in this frame or, frame
   * by frame, in the callers, adding each frame's traceback entry on the way. Returns the
   * frame to continue in; rethrows when it leaves the frame at `base`.
   */
  private unwind(e: unknown, f: VMFrame, base: number): VMFrame {
    const I = this.I;
    if (e instanceof BudgetExceeded) {
      // Not a Python exception: no handler runs. Every frame of this run is abandoned.
      for (;;) {
        I.budgetFrame(e, f);
        this.popFrame(f);
        if (!f.gen) this.releaseFrame(f);
        this.dropInit(f);
        if (this.stack.length - 1 < base || f.isEntry) throw e;
        f = this.stack[this.stack.length - 1]!;
      }
    }
    let r: Raise;
    // The `error:` path (a traceback entry and the `exception` event) is skipped by the
    // re-raises, which go straight to exception_unwind.
    let fresh = !(e instanceof Raise) || e.last !== f;
    try {
      r = I.toRaise(e, f, instrPosition(f.info.co, f.lasti));
    } catch (x) {
      // Not a Python-level failure (an engine bug): abandon the run's frames as they are.
      while (this.stack.length > base) this.popFrame(this.stack[this.stack.length - 1]!);
      throw x;
    }
    for (;;) {
      if (this.tracer && fresh) this.tracer('exception', f, f.line);
      const h = handlerFor(f.info.co, f.lasti);
      if (h) {
        const vs = f.vs;
        while (vs.length > h.depth) {
          const v = vs.pop();
          if (v) this.heap.decref(v);
        }
        if (h.lasti) vs.push(I.int(f.lasti));
        vs.push(r.exc);
        f.ip = h.target;
        return f;
      }
      if (this.tracer) this.tracer('return', f, f.line);
      this.leaveFrame(f, null);
      this.dropInit(f);
      if (this.stack.length - 1 < base || f.isEntry) throw r;
      f = this.stack[this.stack.length - 1]!;
      // The caller's own entry (PyTraceBack_Here as the exception passes through it), at its call.
      r = I.toRaise(r, f, instrPosition(f.info.co, f.lasti));
      fresh = true;
    }
  }

  /**
   * A class call's `__init__` frame returned `v` (consumed): the call's result is the new
   * instance, or TypeError when `__init__` returned something other than None. The class
   * call's own recursion level ends here.
   */
  private finishInit(done: VMFrame, v: PyObject): PyObject {
    const inst = done.initOf!;
    done.initOf = null;
    this.I.depth--;
    this.heap.decref(v);
    if (v !== None) {
      this.heap.decref(inst);
      throw this.I.error('TypeError', `__init__() should return None, not '${v.type.name}'`);
    }
    return inst;
  }

  /** An `__init__` frame left by an exception: its instance and its class call's level go. */
  private dropInit(f: VMFrame): void {
    const inst = f.initOf;
    if (!inst) return;
    f.initOf = null;
    this.I.depth--;
    this.heap.decref(inst);
  }

  /** The `exception` event for a StopIteration an instruction swallows (FOR_ITER, SEND). */
  traceException(f: VMFrame): void {
    if (this.tracer) this.tracer('exception', f, f.line);
  }

  /** An unsupported opcode: NotImplementedError naming it. */
  unsupported(op: number): never {
    throw this.I.error('NotImplementedError', `heaplab's machine does not support the ${OPNAME[op] ?? `opcode ${op}`} instruction yet`);
  }

  none(): PyObject {
    this.heap.incref(None);
    return None;
  }
}

const machines = new WeakMap<Interpreter, Machine>();
registerSideTable('machine:machines', machines);

/** The machine attached to an interpreter (one per sandbox), made on first use. */
export function machineFor(I: Interpreter): Machine {
  return machines.get(I) ?? new Machine(I);
}

export type { CodeInfo };
export { PyFunction };
