/**
 * Generators: a generator is a suspended frame. RETURN_GENERATOR (the first instruction of
 * a generator function or generator expression, after its cells) hands the frame to a new
 * generator object and returns that; each resumption runs the frame in the machine until
 * YIELD_VALUE (suspended again) or RETURN_VALUE (finished). The generator object is the
 * engine's PyGenerator, so next(), send(), throw(), close(), for-loops in builtins and the
 * finalizer (genResume, genThrow, genClose, finalizeGenerator) are the engine's; the
 * machine provides the body (`it`) and the collector's view of the frame (its stack).
 */
import { None, type PyObject, type Visit } from '../../../../objects.js';
import { type Raise } from '../../../interpreter.js';
import { PyGenerator } from '../../../pyobjects.js';
import { generatorType } from '../../../pyobjects.js';
import { Op } from '../../opcodes.js';
import { generatorSize } from '../../../stacksize.js';
import type { VMFrame } from '../frame.js';
import type { Machine } from '../machine.js';

/** A generator whose frame is a machine frame: its value stack and function are its references too. */
export class VMGenerator extends PyGenerator {
  override traverse(visit: Visit): void {
    super.traverse(visit);
    const f = this.frame as VMFrame | null;
    if (!f) return;
    for (const v of f.vs) if (v) visit(v);
    if (f.func) visit(f.func);
  }
  override clearRefs(out: PyObject[]): void {
    const f = this.frame as VMFrame | null;
    if (f) {
      for (const v of f.vs) if (v) out.push(v);
      f.vs.length = 0;
      if (f.func) out.push(f.func);
      f.func = null;
    }
    super.clearRefs(out);
  }
}


/**
 * RETURN_GENERATOR: the frame becomes a generator's, and the call returns the generator.
 * The frame leaves the engine's frame list here (genResume puts it back on each resumption).
 */
export function returnGenerator(m: Machine, f: VMFrame): null {
  const heap = m.heap;
  const fn = f.func;
  const g = new VMGenerator(f, fn?.name?.value ?? f.info.co.co_name, fn?.qualname?.value ?? f.info.co.co_qualname);
  void generatorType;
  g.size = generatorSize(f.code);
  heap.register(g);
  heap.track(g);
  g.it = generatorBody(m, f);
  m.I.frames.pop();
  m.I.depth--;
  f.gen = g;
  f.vs.push(g);
  return null;
}

/**
 * The generator's body as the engine drives it: next(sent) resumes the frame with the sent
 * value pushed (None for next()), throw(r) resumes it raising r at the paused instruction.
 * Yielded values and the return value are owned references; a return of None is `null`.
 */
function generatorBody(m: Machine, f: VMFrame): Generator<PyObject, PyObject | null, PyObject | null> {
  return new GeneratorBody(m, f) as unknown as Generator<PyObject, PyObject | null, PyObject | null>;
}

/**
 * A generator's body as an iterator over its frame: data (the machine and the frame), not
 * a closure, so a snapshot can carry a suspended generator (sandbox/snapshot).
 */
export class GeneratorBody {
  constructor(readonly m: Machine, readonly f: VMFrame) {}
  next(sent: PyObject | null): IteratorResult<PyObject, PyObject | null> {
    return resumeGenerator(this.m, this.f, null, sent);
  }
  throw(r: unknown): IteratorResult<PyObject, PyObject | null> {
    return resumeGenerator(this.m, this.f, r as Raise, null);
  }
  return(): IteratorResult<PyObject, PyObject | null> {
    return { done: true, value: null };
  }
  [Symbol.iterator](): this {
    return this;
  }
}

/** Resume a generator's frame with `sent` pushed, or raising `thrown` at the paused instruction. */
function resumeGenerator(m: Machine, f: VMFrame, thrown: Raise | null, sent: PyObject | null): IteratorResult<PyObject, PyObject | null> {
  const I = m.I;
  if (!thrown) {
    if (f.delegateResult) {
      // gen.throw() finished the `yield from` delegate: its value is the SEND's result.
      const r = f.delegateResult;
      f.delegateResult = null;
      if (sent) m.heap.decref(sent);
      const send = f.info.units[f.lasti - 1]!;
      const receiver = f.vs.pop();
      if (receiver) m.heap.decref(receiver);
      f.ip = f.lasti + (send >> 8);
      f.vs.push(r);
    } else {
      f.vs.push(sent ?? m.none());
    }
  }
  f.delegate = null;
  if (f.savedExc) {
    I.excStack.push(...f.savedExc);
    f.savedExc = null;
  }
  const v = m.resumeFrame(f, thrown);
  if (f.yielded) return { done: false, value: v };
  if (v === None) {
    m.heap.decref(v);
    return { done: true, value: null };
  }
  return { done: true, value: v };
}

/**
 * YIELD_VALUE: the frame suspends with TOS as the value. The exceptions it is handling go
 * with it (a generator has its own exc_info), and a `yield from` in progress (SEND just
 * before) leaves its delegate visible to gen.throw / close.
 */
export function yieldValue(m: Machine, f: VMFrame): null {
  f.yielded = true;
  if (f.excDepth > 0) {
    const st = m.I.excStack;
    f.savedExc = st.splice(st.length - f.excDepth, f.excDepth);
  }
  const prev = f.lasti > 0 ? f.info.units[f.lasti - 1]! & 0xff : -1;
  f.delegate = prev === Op.SEND ? f.vs[f.vs.length - 2] ?? null : null;
  return null;
}

/** GET_YIELD_FROM_ITER: a generator is its own iterator; anything else gets iter(). */
export function getYieldFromIter(m: Machine, f: VMFrame): void {
  const vs = f.vs;
  const o = vs[vs.length - 1]!;
  if (o instanceof PyGenerator) return;
  vs[vs.length - 1] = m.I.getIter(o);
  m.heap.decref(o);
}

/** SEND delta: [receiver, v] -> [receiver, yielded] or, when the delegate returned, [value] and jump. */
export function send(m: Machine, f: VMFrame, delta: number): void {
  const vs = f.vs;
  const v = vs.pop()!;
  const receiver = vs[vs.length - 1]!;
  const r = m.I.delegateSend(receiver, v);
  if (r !== null) {
    vs.push(r);
    return;
  }
  // With a tracer, SEND calls the delegate's __next__ / send, whose StopIteration (a
  // generator's only when it returned a value) is reported before it is cleared.
  if (!(receiver instanceof PyGenerator) || receiver.retval) m.traceException(f);
  vs[vs.length - 1] = m.I.delegateReturn(receiver);
  m.heap.decref(receiver);
  f.ip += delta;
}
