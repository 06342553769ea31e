/**
 * Exceptions: RAISE_VARARGS, RERAISE, PUSH_EXC_INFO / POP_EXCEPT (the handled-exception
 * stack, the interpreter's excStack), CHECK_EXC_MATCH, LOAD_ASSERTION_ERROR and the `with`
 * statement's BEFORE_WITH / WITH_EXCEPT_START. Finding the handler is the loop's
 * (machine.ts `unwind`, over co_exceptiontable).
 */
import { None, type PyObject, PyInt, PyType } from '../../../../objects.js';
import { CAUSE, Raise, exceptionTypes } from '../../../interpreter.js';
import type { Machine } from '../machine.js';
import type { VMFrame } from '../frame.js';

/**
 * RAISE_VARARGS 0 re-raises the handled exception as it is (no context, no traceback entry
 * for this frame: do_raise's `goto exception_unwind`); 1 raises TOS; 2 raises TOS1 from TOS.
 */
export function raiseVarargs(m: Machine, f: VMFrame, n: number): never {
  const I = m.I;
  if (n === 0) {
    const cur = I.excStack[I.excStack.length - 1];
    if (!cur) throw I.error('RuntimeError', 'No active exception to reraise');
    m.heap.incref(cur.exc);
    const r = new Raise(cur.exc);
    r.chained = true;
    r.last = f;
    throw r;
  }
  let cause: PyObject | null = n === 2 ? f.vs.pop()! : null;
  const excv = f.vs.pop()!;
  let exc: PyObject;
  try {
    exc = I.toExceptionInstance(excv);
  } catch (e) {
    if (cause) m.heap.decref(cause);
    throw e;
  }
  if (n === 2) {
    try {
      if (cause === None) {
        m.heap.decref(cause);
        cause = null;
      } else if (cause instanceof PyType && cause.isSubtypeOf(exceptionTypes.get('BaseException')!)) {
        const t = cause;
        cause = I.call(t, [], null);
        m.heap.decref(t);
      } else if (!cause!.type.isSubtypeOf(exceptionTypes.get('BaseException')!)) {
        m.heap.decref(cause!);
        throw I.error('TypeError', 'exception causes must derive from BaseException');
      }
    } catch (e) {
      m.heap.decref(exc);
      throw e;
    }
    I.setExcSlot(exc, CAUSE, cause);
    I.suppressContext.add(exc);
  }
  throw new Raise(exc);
}

/**
 * RERAISE: raise TOS again without a new traceback entry or context; with an argument, the
 * frame's line is restored from the offset that many below (where the exception first
 * happened).
 */
export function reraise(m: Machine, f: VMFrame, oparg: number): never {
  const exc = f.vs.pop()!;
  if (oparg) {
    const lasti = f.vs[f.vs.length - oparg];
    if (lasti instanceof PyInt) {
      // frame->prev_instr moves back (f_lineno reads it); the handler search still starts
      // from this instruction (exception_unwind uses next_instr).
      const line = f.info.lineOf[Number(lasti.value)];
      if (line) f.line = line;
    }
  }
  const r = new Raise(exc);
  r.chained = true;
  r.last = f;
  throw r;
}

/**
 * PUSH_EXC_INFO: the exception on top becomes the handled one; below it goes the one that
 * was handled before (or None), for POP_EXCEPT to restore. The handled-exception stack
 * holds a reference while the handler runs.
 */
export function pushExcInfo(m: Machine, f: VMFrame): void {
  const I = m.I;
  const exc = f.vs.pop()!;
  const prev = I.excStack[I.excStack.length - 1]?.exc ?? None;
  m.heap.incref(prev);
  f.vs.push(prev);
  m.heap.incref(exc);
  I.excStack.push({ exc });
  f.excDepth++;
  f.vs.push(exc);
}

export function popExcept(m: Machine, f: VMFrame): void {
  const prev = f.vs.pop()!;
  m.heap.decref(prev);
  const top = m.I.excStack.pop();
  f.excDepth--;
  if (top) m.heap.decref(top.exc);
}

/** CHECK_EXC_MATCH: whether TOS1 (the exception) matches TOS (a class or tuple of classes), TOS popped. */
export function checkExcMatch(m: Machine, f: VMFrame): void {
  const t = f.vs.pop()!;
  const exc = f.vs[f.vs.length - 1]!;
  let r: boolean;
  try {
    r = m.I.excMatches(exc, t);
  } finally {
    m.heap.decref(t);
  }
  f.vs.push(m.I.bool(r));
}

export function loadAssertionError(m: Machine, f: VMFrame): void {
  const t = exceptionTypes.get('AssertionError')!;
  m.heap.incref(t);
  f.vs.push(t);
}

/** BEFORE_WITH: [mgr] -> [bound __exit__, result of __enter__()]. */
export function beforeWith(m: Machine, f: VMFrame): void {
  const [exit, entered] = m.I.beforeWith(f.vs.pop()!);
  f.vs.push(exit, entered);
}

/** WITH_EXCEPT_START: [exit, lasti, prev_exc, exc] -> [..., exit(type(exc), exc, tb)]. */
export function withExceptStart(m: Machine, f: VMFrame): void {
  const I = m.I;
  const vs = f.vs;
  const exc = vs[vs.length - 1]!;
  const exit = vs[vs.length - 4]!;
  const tb = I.excTraceback(exc) ?? None;
  m.heap.incref(exc.type);
  m.heap.incref(exc);
  m.heap.incref(tb);
  m.heap.incref(exit);
  let r: PyObject;
  try {
    r = I.call(exit, [exc.type, exc, tb], null);
  } finally {
    m.heap.decref(exit);
  }
  vs.push(r);
}
