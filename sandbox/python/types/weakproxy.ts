/**
 * weakref.proxy: weakref.ProxyType / CallableProxyType (Objects/weakrefobject.c). A proxy is
 * a weak reference that forwards attribute access, item access, len/iter/in/==/bool/str and
 * (for a callable referent) calls to its referent, and raises ReferenceError once the
 * referent is gone. The callback-less proxy is shared, like the basic ref (heap.newWeakref).
 */
import { None, PyObject, PyTuple, PyType, PyWeakref, objectType, typeType, weakrefType } from '../../objects.js';
import { hexId } from '../../heap.js';
import type { ExtensionKit } from '../extension.js';
import type * as A from '../ast.js';
import { PyGenerator, PyIter } from '../pyobjects.js';

const BINARY: [string, A.Operator][] = [
  ['add', 'Add'], ['sub', 'Sub'], ['mul', 'Mult'], ['matmul', 'MatMult'], ['truediv', 'Div'], ['floordiv', 'FloorDiv'],
  ['mod', 'Mod'], ['pow', 'Pow'], ['lshift', 'LShift'], ['rshift', 'RShift'], ['and', 'BitAnd'], ['xor', 'BitXor'], ['or', 'BitOr'],
];

export const proxyType = new PyType(typeType, 'ProxyType', 'weakref', objectType, false, 'weakref');
export const callableProxyType = new PyType(typeType, 'CallableProxyType', 'weakref', objectType, false, 'weakref');

export class PyWeakProxy extends PyWeakref {
  override get isProxy(): boolean {
    return true;
  }
  constructor(referent: PyObject, callback: PyObject | null, callable: boolean) {
    super(referent, callback);
    this.type = callable ? callableProxyType : proxyType;
  }
}

export function installWeakProxy(kit: ExtensionKit): void {
  const { b } = kit;
  const I = b.I;
  const heap = b.heap;
  const target = (s: PyObject): PyObject => {
    const r = (s as PyWeakProxy).referent;
    if (!r) throw b.err('ReferenceError', 'weakly-referenced object no longer exists');
    return r;
  };
  const unwrap = (o: PyObject): PyObject => (o instanceof PyWeakProxy ? target(o) : o);
  /** fn(o), o borrowed. */
  const callWith = (fn: PyObject, o: PyObject): PyObject => {
    heap.incref(o);
    return I.call(fn, [o], null);
  };
  const operatorIndex = (): PyObject => b.modules.get('operator')!.attrs.get('index')!;
  for (const t of [proxyType, callableProxyType]) {
    b.slotTypes.add(t);
    b.method(t, '__getitem__', (s, [k]) => I.getItem(target(s), k!));
    b.method(t, '__setitem__', (s, [k, v]) => {
      heap.incref(v!);
      I.setItem(target(s), k!, v!);
      return b.none();
    });
    b.method(t, '__delitem__', (s, [k]) => {
      I.delItem(target(s), k!);
      return b.none();
    });
    b.method(t, '__len__', (s) => b.int(I.len(target(s))));
    b.method(t, '__iter__', (s) => I.getIter(target(s)));
    b.method(t, '__contains__', (s, [k]) => b.bool(I.contains(target(s), k!)));
    b.method(t, '__bool__', (s) => b.bool(I.truth(target(s))));
    b.method(t, '__eq__', (s, [o]) => I.richCompare('Eq', target(s), o instanceof PyWeakProxy ? target(o) : o!));
    b.method(t, '__ne__', (s, [o]) => I.richCompare('NotEq', target(s), o instanceof PyWeakProxy ? target(o) : o!));
    // proxy_add & co.: both operands unwrapped, then the plain operator (so the referent's
    // own dunders, reflected or in-place, answer, and errors name the referent's type).
    for (const [name, op] of BINARY) {
      b.method(t, `__${name}__`, (s, [o]) => I.binop(op, target(s), unwrap(o!), false));
      b.method(t, `__r${name}__`, (s, [o]) => I.binop(op, unwrap(o!), target(s), false));
      b.method(t, `__i${name}__`, (s, [o]) => I.binop(op, target(s), unwrap(o!), true));
    }
    b.method(t, '__neg__', (s) => I.unary('USub', target(s)));
    b.method(t, '__pos__', (s) => I.unary('UAdd', target(s)));
    b.method(t, '__invert__', (s) => I.unary('Invert', target(s)));
    for (const name of ['abs', 'int', 'float', 'bytes', 'reversed'] as const) {
      const fn = b.names.get(name)!;
      b.method(t, `__${name}__`, (s) => callWith(fn, target(s)));
    }
    b.method(t, '__index__', (s) => callWith(operatorIndex(), target(s)));
    // proxy_iternext: only an iterator referent is advanced
    b.method(t, '__next__', (s) => {
      const o = target(s);
      if (!I.dunder(o, '__next__') && !(o instanceof PyIter) && !(o instanceof PyGenerator)) {
        throw b.err('TypeError', `Weakref proxy referenced a non-iterator '${o.type.name}' object`);
      }
      const v = I.next(o);
      if (v === null) throw b.err('StopIteration', '');
      return v;
    });
    b.reprOf.set(t, (o) => {
      const r = (o as PyWeakProxy).referent;
      return `<weakproxy at ${hexId(o.addr)} to ${r ? r.type.name : 'NoneType'} at ${r ? hexId(r.addr) : hexId(None.addr)}>`;
    });
    b.strOf.set(t, (o) => I.str(target(o)));
    b.attrOf.set(t, (o, name) => I.getAttr(target(o), name));
    b.delAttrOf.set(t, (o, name) => I.delAttr(target(o), name));
    b.setAttrOf.set(t, (o, name, v) => {
      heap.incref(v);
      I.setAttr(target(o), name, v);
    });
  }
  b.method(callableProxyType, '__call__', (s, args, kw) => {
    for (const a of args) heap.incref(a);
    const kws = kw ? [...kw].map(([k, v]) => {
      heap.incref(v);
      return [k, v] as [string, PyObject];
    }) : null;
    return I.call(target(s), args, kws);
  });

  const callableFn = b.names.get('callable')!;
  const isCallable = (o: PyObject): boolean => {
    heap.incref(o);
    return I.truthConsume(I.call(callableFn, [o], null));
  };
  const proxy = kit.fn('proxy', (args) => {
    const [o, cb] = args;
    if (!o) throw b.err('TypeError', 'proxy expected at least 1 argument, got 0');
    if (args.length > 2) throw b.err('TypeError', `proxy expected at most 2 arguments, got ${args.length}`);
    heap.incref(o);
    heap.decref(I.call(weakrefType, [o], null)); // weakref.ref(o)'s TypeError for what cannot be weakly referenced
    const callback = cb && cb !== None ? cb : null;
    const callable = isCallable(o);
    return heap.newWeakref(o, callback, (r, c) => new PyWeakProxy(r, c, callable));
  });
  const wr = b.modules.get('weakref')!;
  wr.attrs.set('proxy', proxy);
  wr.attrs.set('ProxyType', proxyType);
  wr.attrs.set('CallableProxyType', callableProxyType);
  // A module constant, shared and never freed like the module's other attributes.
  wr.attrs.set('ProxyTypes', kit.immortal(new PyTuple([proxyType, callableProxyType])));
}
