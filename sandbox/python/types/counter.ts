/**
 * collections.Counter: a dict subclass CPython writes in Python (Lib/collections/__init__.py),
 * built natively here with the same algorithms, so the same objects are made and stored in
 * the same order:
 * - Counter(iterable) counts one element at a time (_count_elements: self[e] = self.get(e, 0) + 1);
 *   from a mapping, an empty Counter takes dict.update, a non-empty one adds count by count;
 * - missing keys read as 0 without being stored (__missing__), `del c[k]` of a missing key is
 *   silent;
 * - most_common() is a stable sort by count, largest first; repr lists items in that order;
 * - + - | & and unary + - build a new Counter keeping positive counts; += -= |= &= work in
 *   place and then drop the non-positive counts (_keep_positive).
 *
 * Instances of a Python class: a dict with the managed-dict pre-header and a weakref slot
 * (sys.getsizeof = the dict's + 24), weakly referenceable, tracked from creation; each holds a
 * reference to the class (a heap type in CPython), which tp_traverse visits before the entries.
 */
import { None, PyBool, PyDict, PyInt, PyObject, PyType, dictType, typeType, type Visit } from '../../objects.js';
import type { ExtensionKit } from '../extension.js';
import type { Builtins } from '../builtins.js';
import type * as A from '../ast.js';
import { dictSize } from '../../sizes.js';
import { dictContains, dictDelItem, dictGet, dictSetItem, registerUnhashable } from '../../containers.js';
import { weakrefableLikeAClass } from '../../weakrefable.js';
import { dictBodyRepr } from './dictrepr.js';

export const counterType = new PyType(typeType, 'Counter', 'dict', dictType, false, 'collections');
weakrefableLikeAClass(counterType);
registerUnhashable(counterType, 'Counter');

export class PyCounter extends PyDict {
  constructor() {
    super(counterType);
  }
  override sizeofHint(): number {
    return dictSize(this) + 24;
  }
  override traverse(visit: Visit): void {
    visit(this.type);
    super.traverse(visit);
  }
  /** subtype_dealloc: the dict's entries, then the instance's reference to its class. */
  override releaseRefs(out: PyObject[]): void {
    super.releaseRefs(out);
    out.push(this.type);
  }
}

/**
 * Counter.most_common(): the items sorted by count, largest first, ties in insertion order
 * (sorted(..., key=itemgetter(1), reverse=True) is stable). Borrowed pairs.
 */
export function mostCommon(b: Builtins, c: PyDict): [PyObject, PyObject][] {
  const items = [...c.entries()];
  b.heap.step(items.length * Math.max(1, Math.ceil(Math.log2(items.length + 1))));
  const lt = (x: PyObject, y: PyObject): boolean => b.I.truthConsume(b.compare('Lt', x, y));
  // reverse=True: reverse, stable-sort ascending, reverse back.
  const rev = items.reverse();
  rev.sort((x, y) => (lt(x[1], y[1]) ? -1 : lt(y[1], x[1]) ? 1 : 0));
  return rev.reverse();
}

export function installCounter(kit: ExtensionKit): void {
  const { b } = kit;
  const I = b.I;
  const heap = b.heap;
  const t = counterType;
  b.slotTypes.add(t);
  b.pythonLevelTypes.add(t); // Counter's own methods are Python functions in CPython
  const self = (o: PyObject): PyCounter => o as PyCounter;
  const zero = (): PyObject => b.int(0);
  /** self.get(e, 0) as a new reference. */
  const get = (c: PyDict, e: PyObject): PyObject => {
    const v = I.keyOp(() => dictGet(heap, c, e));
    if (v === undefined) return zero();
    heap.incref(v);
    return v;
  };
  /** self[e] = v, consuming v. */
  const put = (c: PyDict, e: PyObject, v: PyObject): void => {
    try {
      dictSetItem(heap, c, e, v);
    } finally {
      heap.decref(v);
    }
  };
  /** a OP b on two borrowed operands, a new reference. */
  const arith = (op: A.Operator, x: PyObject, y: PyObject): PyObject => b.binop(op, x, y, false);
  const test = (op: A.CmpOperator, x: PyObject, y: PyObject): boolean => I.truthConsume(b.compare(op, x, y));
  const isZeroInt = (): PyObject => zero();
  const entries = (d: PyDict): [PyObject, PyObject][] => {
    heap.step(d.size);
    return [...d.entries()];
  };

  /** Counter.update / Counter.subtract (sign -1), from a mapping or an iterable, then keywords. */
  const update = (c: PyCounter, src: PyObject | undefined, kw: Map<string, PyObject> | null, op: 'Add' | 'Sub'): void => {
    if (src !== undefined && src !== None) {
      if (src instanceof PyDict) {
        if (op === 'Add' && c.size === 0) I.dictUpdate(c, src);
        else {
          for (const [e, n] of entries(src)) {
            heap.incref(e);
            try {
              const old = get(c, e);
              try {
                put(c, e, op === 'Add' ? arith('Add', n, old) : arith('Sub', old, n));
              } finally {
                heap.decref(old);
              }
            } finally {
              heap.decref(e);
            }
          }
        }
      } else {
        const it = I.getIter(src);
        try {
          for (let e = I.next(it); e !== null; e = I.next(it)) {
            try {
              const old = get(c, e);
              const one = b.int(1);
              try {
                put(c, e, arith(op, old, one));
              } finally {
                heap.decref(old);
                heap.decref(one);
              }
            } finally {
              heap.decref(e);
            }
          }
        } finally {
          heap.decref(it);
        }
      }
    }
    if (kw && kw.size) {
      const d = heap.register(new PyDict());
      try {
        for (const [k, v] of kw) dictSetItem(heap, d, I.rt.intern(k), v);
        update(c, d, null, op);
      } finally {
        heap.decref(d);
      }
    }
  };
  const make = (args: PyObject[], kw: Map<string, PyObject> | null): PyCounter => {
    if (args.length > 1) throw b.err('TypeError', `expected at most 1 argument, got ${args.length}`);
    const c = heap.track(heap.register(new PyCounter()));
    heap.incref(counterType); // an instance of a Python class holds its class
    try {
      update(c, args[0], kw, 'Add');
    } catch (e) {
      heap.decref(c);
      throw e;
    }
    return c;
  };
  b.constructors.set(t, (args, kw) => make(args, kw ? new Map(kw) : null));
  b.method(t, '__missing__', () => isZeroInt());
  b.method(t, '__delitem__', (s, [k]) => {
    const c = self(s);
    if (I.keyOp(() => dictContains(heap, c, k!))) I.keyOp(() => dictDelItem(heap, c, k!));
    return b.none();
  });
  b.method(t, 'update', (s, args, kw) => {
    if (args.length > 1) throw b.err('TypeError', `expected at most 1 argument, got ${args.length}`);
    update(self(s), args[0], kw, 'Add');
    return b.none();
  });
  b.method(t, 'subtract', (s, args, kw) => {
    if (args.length > 1) throw b.err('TypeError', `expected at most 1 argument, got ${args.length}`);
    update(self(s), args[0], kw, 'Sub');
    return b.none();
  });
  const byCount = (c: PyDict): [PyObject, PyObject][] => mostCommon(b, c);
  const pairs = (items: [PyObject, PyObject][]): PyObject => {
    const out = items.map(([k, v]) => {
      heap.incref(k);
      heap.incref(v);
      return I.tupleOwned([k, v]);
    });
    return b.list(out);
  };
  b.method(t, 'most_common', (s, args, kw) => {
    const n = args[0] ?? kw?.get('n');
    const items = byCount(self(s));
    if (n === undefined || n === None) return pairs(items);
    const k = I.index(n, `'${n.type.name}' object cannot be interpreted as an integer`);
    return pairs(items.slice(0, Math.max(0, k)));
  });
  b.method(t, 'elements', (s) => {
    const c = self(s);
    const items = entries(c);
    for (const [k] of items) heap.incref(k);
    let i = 0;
    let left = 0;
    return b.jsIter('chain', items.map(([k]) => k), () => {
      for (;;) {
        if (left > 0) {
          left--;
          heap.incref(items[i - 1]![0]);
          return items[i - 1]![0];
        }
        if (i >= items.length) return null;
        const n = items[i++]![1];
        left = n instanceof PyInt ? Math.max(0, Number(n.value)) : n instanceof PyBool ? Number(n.value) : 0;
      }
    });
  });
  b.method(t, 'total', (s) => {
    let acc = zero();
    for (const [, v] of entries(self(s))) {
      const next = arith('Add', acc, v);
      heap.decref(acc);
      acc = next;
    }
    return acc;
  });
  b.method(t, 'copy', (s) => make([s], null));
  // A Counter has an instance __dict__ in CPython; heaplab keeps none.
  b.setAttrOf.set(t, (_o, name) => {
    throw b.err('NotImplementedError', `heaplab does not support setting attributes ('${name}') on a Counter`);
  });
  b.classMethod(t, 'fromkeys', () => {
    throw b.err('NotImplementedError', 'Counter.fromkeys() is undefined.  Use Counter(iterable) instead.');
  });
  b.method(t, '__hash__', () => {
    throw b.err('TypeError', "unhashable type: 'Counter'");
  });

  // ------------------------------------------------------------ arithmetic
  const positive = (v: PyObject): boolean => {
    const z = zero();
    try {
      return test('Gt', v, z);
    } finally {
      heap.decref(z);
    }
  };
  const negative = (v: PyObject): boolean => {
    const z = zero();
    try {
      return test('Lt', v, z);
    } finally {
      heap.decref(z);
    }
  };
  /** other[e] (0 when missing), a new reference. */
  const at = (c: PyDict, e: PyObject): PyObject => get(c, e);
  type Combine = (count: PyObject, other: PyObject) => PyObject;
  /**
   * Counter.__add__/__sub__/__or__/__and__: for each of self's items, combine with other[e]
   * and keep a positive result; then other's own items not in self, transformed by `rest`.
   */
  const binary = (s: PyCounter, o: PyObject, combine: Combine, rest: ((count: PyObject) => PyObject | null) | null): PyObject => {
    if (!(o instanceof PyCounter)) return b.notImplemented();
    const r = make([], null);
    try {
      for (const [e, n] of entries(s)) {
        const other = at(o, e);
        try {
          const v = combine(n, other);
          if (positive(v)) put(r, e, v);
          else heap.decref(v);
        } finally {
          heap.decref(other);
        }
      }
      if (rest) {
        for (const [e, n] of entries(o)) {
          if (I.keyOp(() => dictContains(heap, s, e))) continue;
          const v = rest(n);
          if (v) put(r, e, v);
        }
      }
    } catch (e) {
      heap.decref(r);
      throw e;
    }
    return r;
  };
  const incret = (v: PyObject): PyObject => {
    heap.incref(v);
    return v;
  };
  const addC: Combine = (n, m) => arith('Add', n, m);
  const subC: Combine = (n, m) => arith('Sub', n, m);
  const orC: Combine = (n, m) => incret(test('Lt', n, m) ? m : n);
  const andC: Combine = (n, m) => incret(test('Lt', n, m) ? n : m);
  const restPositive = (n: PyObject): PyObject | null => (positive(n) ? incret(n) : null);
  const restNegated = (n: PyObject): PyObject | null => {
    if (!negative(n)) return null;
    const z = zero();
    try {
      return arith('Sub', z, n);
    } finally {
      heap.decref(z);
    }
  };
  b.method(t, '__add__', (s, [o]) => binary(self(s), o!, addC, restPositive));
  b.method(t, '__sub__', (s, [o]) => binary(self(s), o!, subC, restNegated));
  b.method(t, '__or__', (s, [o]) => binary(self(s), o!, orC, restPositive));
  b.method(t, '__and__', (s, [o]) => binary(self(s), o!, andC, null));
  /** __pos__ / __neg__: the positive counts, or the negated negative ones. */
  b.method(t, '__pos__', (s) => {
    const r = make([], null);
    for (const [e, n] of entries(self(s))) if (positive(n)) put(r, e, incret(n));
    return r;
  });
  b.method(t, '__neg__', (s) => {
    const r = make([], null);
    for (const [e, n] of entries(self(s))) {
      const v = restNegated(n);
      if (v) put(r, e, v);
    }
    return r;
  });
  /** _keep_positive: delete the items whose count is not > 0, then return self. */
  const keepPositive = (c: PyCounter): PyObject => {
    const drop = entries(c).filter(([, n]) => !positive(n)).map(([e]) => e);
    for (const e of drop) heap.incref(e);
    for (const e of drop) {
      dictDelItem(heap, c, e);
      heap.decref(e);
    }
    heap.incref(c);
    return c;
  };
  /** In place: self[e] = combine(self[e], count) for each of other's items, then _keep_positive. */
  const inplace = (s: PyCounter, o: PyObject, combine: (mine: PyObject, theirs: PyObject) => PyObject | null): PyObject => {
    if (!(o instanceof PyCounter)) return b.notImplemented();
    for (const [e, n] of entries(o)) {
      const mine = at(s, e);
      try {
        const v = combine(mine, n);
        if (v) put(s, e, v);
      } finally {
        heap.decref(mine);
      }
    }
    return keepPositive(s);
  };
  b.method(t, '__iadd__', (s, [o]) => inplace(self(s), o!, (x, y) => arith('Add', x, y)));
  b.method(t, '__isub__', (s, [o]) => inplace(self(s), o!, (x, y) => arith('Sub', x, y)));
  b.method(t, '__ior__', (s, [o]) => inplace(self(s), o!, (x, y) => (test('Gt', y, x) ? incret(y) : null)));
  // __iand__ walks self's items: self[e] = min(count, other[e]) where other's is smaller
  b.method(t, '__iand__', (s, [o]) => {
    const c = self(s);
    if (!(o instanceof PyCounter)) return b.notImplemented();
    for (const [e, n] of entries(c)) {
      const theirs = at(o, e);
      try {
        if (test('Lt', theirs, n)) put(c, e, incret(theirs));
      } finally {
        heap.decref(theirs);
      }
    }
    return keepPositive(c);
  });

  // ------------------------------------------------------------ comparisons (3.10+: missing counts are 0)
  /** all(self[e] OP other[e] for c in (self, other) for e in c) */
  const allPairs = (s: PyCounter, o: PyCounter, op: A.CmpOperator): boolean => {
    for (const c of [s, o]) {
      for (const [e] of entries(c)) {
        const x = at(s, e);
        const y = at(o, e);
        try {
          if (!test(op, x, y)) return false;
        } finally {
          heap.decref(x);
          heap.decref(y);
        }
      }
    }
    return true;
  };
  const cmp = (fn: (s: PyCounter, o: PyCounter) => boolean) => (s: PyObject, [o]: PyObject[]): PyObject =>
    o instanceof PyCounter ? b.bool(fn(self(s), o)) : b.notImplemented();
  b.method(t, '__eq__', cmp((s, o) => allPairs(s, o, 'Eq')));
  b.method(t, '__ne__', cmp((s, o) => !allPairs(s, o, 'Eq')));
  b.method(t, '__le__', cmp((s, o) => allPairs(s, o, 'LtE')));
  b.method(t, '__lt__', cmp((s, o) => allPairs(s, o, 'LtE') && !allPairs(s, o, 'Eq')));
  b.method(t, '__ge__', cmp((s, o) => allPairs(s, o, 'GtE')));
  b.method(t, '__gt__', cmp((s, o) => allPairs(s, o, 'GtE') && !allPairs(s, o, 'Eq')));

  // Counter.__repr__: Counter() when empty, else the items in most_common() order (or in
  // the dict's order when the counts cannot be ordered).
  b.reprOf.set(t, (o, active) => {
    const c = self(o);
    if (c.size === 0) return 'Counter()';
    let items: [PyObject, PyObject][];
    try {
      items = byCount(c);
    } catch (e) {
      if (!b.isRaise(e) || e.exc.type.name !== 'TypeError') throw e;
      I.releaseRaise(e);
      items = [...c.entries()];
    }
    return `Counter(${dictBodyRepr(b, c, active, items)})`;
  });
}
