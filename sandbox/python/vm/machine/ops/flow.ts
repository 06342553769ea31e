/**
 * Iteration and the instructions that decide truth: GET_ITER, FOR_ITER and the
 * conditional jumps' truth test. Plain jumps are inlined in the dispatch loop.
 */
import { False, None, type PyObject, True } from '../../../../objects.js';
import { PyGenerator } from '../../../pyobjects.js';
import type { Machine } from '../machine.js';
import type { VMFrame } from '../frame.js';

export function getIter(m: Machine, f: VMFrame): void {
  const vs = f.vs;
  const o = vs[vs.length - 1]!;
  const it = m.I.getIter(o);
  vs[vs.length - 1] = it;
  m.heap.decref(o);
}

/** FOR_ITER delta: push the next item, or pop the exhausted iterator and jump. */
export function forIter(m: Machine, f: VMFrame, delta: number): void {
  const vs = f.vs;
  const it = vs[vs.length - 1]!;
  let v: PyObject | null;
  if (it instanceof PyGenerator) {
    // A generator that returned a value raised StopIteration(value) from __next__: a tracer
    // sees it (FOR_ITER's call_exc_trace) before it is cleared.
    m.heap.step();
    v = m.I.genNext(it);
    if (v === null && it.retval) {
      m.heap.decref(it.retval);
      it.retval = null;
      m.traceException(f);
    }
  } else {
    v = m.I.next(it);
    if (v === null && it.type.isHeapType) m.traceException(f);
  }
  if (v !== null) {
    vs.push(v);
    return;
  }
  vs.pop();
  m.heap.decref(it);
  f.ip += delta;
}

/** The truth of a value the jump pops (its reference released). */
export function popTruth(m: Machine, f: VMFrame): boolean {
  const v = f.vs.pop()!;
  if (v === True) {
    m.heap.decref(v);
    return true;
  }
  if (v === False || v === None) {
    m.heap.decref(v);
    return false;
  }
  return m.I.truthConsume(v);
}

/** The truth of the top value, left on the stack (JUMP_IF_..._OR_POP). */
export function peekTruth(m: Machine, f: VMFrame): boolean {
  const v: PyObject = f.vs[f.vs.length - 1]!;
  return m.I.truth(v);
}
