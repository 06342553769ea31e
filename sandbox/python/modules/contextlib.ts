/**
 * The `contextlib` module: contextmanager (generator-based context managers), suppress,
 * closing and nullcontext. Their objects hold what CPython's hold (the generator and,
 * until __enter__, the function with its arguments), so refcounts and cycles match; the
 * rest of the module is refused rather than missing.
 */
import { SHARED, None, PyDict, PyNative, PyObject, PyTuple, PyType, objectType, typeType } from '../../objects.js';
import { dictSetItem } from '../../containers.js';
import { functionType, PyGenerator, PyTraceback } from '../pyobjects.js';
import type { Builtins } from '../builtins.js';
import { registerSideTable } from '../../snapshot/tables.js';

/** A type of this module (a builtin-like class named contextlib.<name>). */
function contextlibType(name: string): PyType {
  const t = new PyType(typeType, name, 'object', objectType, false, 'contextlib');
  t.gcFlags |= SHARED;
  return t;
}

export const generatorContextManagerType = contextlibType('_GeneratorContextManager');
export const suppressType = contextlibType('suppress');
export const closingType = contextlibType('closing');
export const nullcontextType = contextlibType('nullcontext');

/**
 * A context manager object. For _GeneratorContextManager, `refs` is [gen, func, args,
 * kwds] until __enter__ drops the last three (as `del self.args, self.kwds, self.func`
 * does); for suppress it is [the exception tuple]; closing and nullcontext hold their
 * one object. References are released in that order, like the instance dict's values.
 */
export class PyContextManager extends PyObject {
  constructor(
    type: PyType,
    public refs: PyObject[],
  ) {
    super(type);
  }
  override traverse(visit: (o: PyObject) => void): void {
    for (const r of this.refs) visit(r);
  }
  override clearRefs(out: PyObject[]): void {
    for (const r of this.refs) out.push(r);
    this.refs = [];
  }
}

const REFUSED = [
  'AbstractContextManager', 'AbstractAsyncContextManager', 'ContextDecorator', 'AsyncContextDecorator',
  'ExitStack', 'AsyncExitStack', 'asynccontextmanager', 'aclosing', 'redirect_stdout', 'redirect_stderr',
  'chdir',
];

/** The helper-call function of each sandbox's contextlib, by its Builtins (see helperCall). */
const helperCalls = new WeakMap<Builtins, (hargs: PyObject[], kw: Map<string, PyObject> | null) => PyObject>();
registerSideTable('contextlib:helperCalls', helperCalls);

/** Register `contextlib`. */
export function installContextlibModule(b: Builtins): void {
  const I = b.I;
  const heap = b.heap;
  const excType = (name: string): PyType => b.exceptionType(name);
  const newCM = (type: PyType, refs: PyObject[]): PyContextManager => heap.track(heap.register(new PyContextManager(type, refs)));
  const M = (t: PyType, name: string, impl: (self: PyContextManager, args: PyObject[]) => PyObject): void =>
    b.method(t, name, (s, a) => impl(s as PyContextManager, a));

  /**
   * contextmanager(func): the `helper` function CPython returns — a function (it binds
   * as a method) that calls func(*args, **kwds) and wraps the generator.
   */
  /**
   * What calling a contextmanager(func) helper does: func(*args, **kwds), wrapped (the
   * helper's self is func). One function for every helper of the sandbox, made here and
   * kept where a snapshot finds it (helperCalls), not a closure per helper.
   */
  const helperCall = (hargs: PyObject[], kw: Map<string, PyObject> | null): PyObject => {
    const [f, ...rest] = hargs;
    const kwds = heap.register(new PyDict());
    for (const [k, v] of kw ?? []) {
      const key = b.str(k);
      dictSetItem(heap, kwds, key, v);
      heap.decref(key);
    }
    for (const a of rest) heap.incref(a);
    const argTuple = I.tupleOwned(rest.slice());
    let gen: PyObject;
    try {
      for (const a of rest) heap.incref(a);
      const kwList = kw && kw.size ? [...kw].map(([k, v]): [string, PyObject] => (heap.incref(v), [k, v])) : null;
      gen = I.call(f!, rest, kwList);
    } catch (e) {
      heap.decref(argTuple);
      heap.decref(kwds);
      throw e;
    }
    heap.incref(f!);
    return newCM(generatorContextManagerType, [gen, f!, argTuple, kwds]);
  };
  helperCalls.set(b, helperCall);

  const contextmanager = b.native('contextmanager', (args) => {
    b.argc(args, 1, 1, 'contextmanager');
    const func = args[0]!;
    heap.incref(func);
    const nameObj = I.getAttr(func, '__name__');
    const name = I.str(nameObj);
    heap.decref(nameObj);
    const helper = new PyNative(name, helperCall, func);
    helper.type = functionType;
    return heap.track(heap.register(helper));
  });

  M(generatorContextManagerType, '__enter__', (cm) => {
    const [gen, ...dropped] = cm.refs;
    cm.refs = gen ? [gen] : [];
    for (const r of dropped) heap.decref(r);
    if (!(gen instanceof PyGenerator)) throw b.err('TypeError', "'_GeneratorContextManager' object has no generator");
    const v = I.genNext(gen);
    if (v === null) {
      dropReturn(gen);
      const r = b.err('RuntimeError', "generator didn't yield");
      I.suppressContext.add(r.exc);
      throw r;
    }
    return v;
  });

  /** A generator's return value is not used by a context manager: release it. */
  const dropReturn = (g: PyGenerator): void => {
    if (g.retval) {
      heap.decref(g.retval);
      g.retval = null;
    }
  };

  /**
   * _GeneratorContextManager.__exit__: resume the generator after the body. Without an
   * exception it must finish; with one, the exception is thrown in at the yield, and the
   * manager suppresses it only if the generator swallowed it (finished or raised
   * StopIteration); the same exception coming back out is "not suppressed".
   */
  M(generatorContextManagerType, '__exit__', (cm, a) => {
    b.argc(a, 3, 3, '__exit__');
    const gen = cm.refs[0];
    if (!(gen instanceof PyGenerator)) throw b.err('TypeError', "'_GeneratorContextManager' object has no generator");
    const [typ, val, tb] = a as [PyObject, PyObject, PyObject];
    if (typ === None) {
      const v = I.genNext(gen);
      if (v === null) {
        dropReturn(gen);
        return b.bool(false);
      }
      heap.decref(v);
      throw b.err('RuntimeError', "generator didn't stop");
    }
    const value = val === None ? I.call(typ, [], null) : (heap.incref(val), val);
    let v: PyObject | null;
    try {
      heap.incref(value);
      v = I.genThrow(gen, b.raiseOf(value));
    } catch (e) {
      if (!b.isRaise(e)) throw e;
      const exc = e.exc;
      const restoreTb = (): void => {
        if (tb instanceof PyTraceback) heap.incref(tb);
        I.setExcSlot(exc, 1, tb instanceof PyTraceback ? tb : null);
      };
      try {
        if (exc.type.isSubtypeOf(excType('StopIteration'))) {
          I.releaseRaise(e);
          return b.bool(exc !== value);
        }
        if (exc.type.isSubtypeOf(excType('RuntimeError'))) {
          if (exc === value) {
            restoreTb();
            I.releaseRaise(e);
            return b.bool(false);
          }
          if (value.type.isSubtypeOf(excType('StopIteration')) && I.excSlot(exc, 3) === value) {
            if (tb instanceof PyTraceback) heap.incref(tb);
            I.setExcSlot(value, 1, tb instanceof PyTraceback ? tb : null);
            I.releaseRaise(e);
            return b.bool(false);
          }
          throw e;
        }
        if (exc !== value) throw e;
        restoreTb();
        I.releaseRaise(e);
        return b.bool(false);
      } finally {
        heap.decref(value);
      }
    }
    heap.decref(value);
    if (v === null) {
      dropReturn(gen);
      return b.bool(true);
    }
    heap.decref(v);
    throw b.err('RuntimeError', "generator didn't stop after throw()");
  });

  /** suppress(*exceptions): __exit__ swallows an exception of one of these classes. */
  const suppress = b.native('suppress', (args) => {
    for (const x of args) heap.incref(x);
    return newCM(suppressType, [I.tupleOwned(args.slice())]);
  });
  M(suppressType, '__enter__', () => b.none());
  M(suppressType, '__exit__', (cm, a) => {
    const typ = a[0] ?? None;
    if (typ === None) return b.bool(false);
    const excs = cm.refs[0];
    const classes = excs instanceof PyTuple ? excs.items : [];
    return b.bool(classes.some((c) => c instanceof PyType && typ instanceof PyType && typ.isSubtypeOf(c)));
  });

  /** closing(thing): __enter__ gives thing, __exit__ calls thing.close(). */
  const closing = b.native('closing', (args) => {
    b.argc(args, 1, 1, 'closing');
    heap.incref(args[0]!);
    return newCM(closingType, [args[0]!]);
  });
  M(closingType, '__enter__', (cm) => {
    const t = cm.refs[0] ?? None;
    heap.incref(t);
    return t;
  });
  M(closingType, '__exit__', (cm) => {
    const t = cm.refs[0];
    if (t) heap.decref(I.callMethod(t, 'close', []));
    return b.none();
  });

  /** nullcontext(enter_result=None): does nothing; __enter__ gives enter_result. */
  const nullcontext = b.native('nullcontext', (args) => {
    b.argc(args, 0, 1, 'nullcontext');
    const r = args[0] ?? None;
    heap.incref(r);
    return newCM(nullcontextType, [r]);
  });
  M(nullcontextType, '__enter__', (cm) => {
    const r = cm.refs[0] ?? None;
    heap.incref(r);
    return r;
  });
  M(nullcontextType, '__exit__', () => b.none());

  const attrs: Record<string, PyObject> = { contextmanager, suppress, closing, nullcontext };
  for (const name of REFUSED) {
    attrs[name] = b.native(name, () => {
      throw b.err('NotImplementedError', `heaplab does not support 'contextlib.${name}'`);
    });
  }
  b.addModule('contextlib', attrs);
}
