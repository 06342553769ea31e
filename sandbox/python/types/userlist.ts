/**
 * collections.UserList: a class CPython writes in Python (Lib/collections/__init__.py), built as
 * a heap class of `collections` (python-class.ts) whose native methods do what its source does:
 *
 * - `__init__` first binds `self.data = []`, then fills it by slice assignment from an exact
 *   list or another UserList's copied data, or rebinds it to `list(initlist)` — so the list's
 *   size is the one each path gives;
 * - slicing and the operators build `self.__class__(...)`; the comparisons compare `self.data`
 *   with the other's data (or the other itself); `__hash__` is None (the class defines __eq__);
 * - `__copy__` makes the instance with `cls.__new__(cls)`, updates its `__dict__` from self's
 *   and puts a slice copy of the data in it, as the source does (materialising both dicts).
 *
 * Not modelled: the collections.abc.MutableSequence base (its generator mixins __iter__ and
 * __reversed__; iteration uses __getitem__ here and yields the same items).
 */
import { None, type PyObject, PyList, type PyType } from '../../objects.js';
import type { ExtensionKit } from '../extension.js';
import { type Signature, bindMethod, finishPythonClass, newPythonClass, pythonLevelHelpers } from './python-class.js';

export function newUserListClass(kit: ExtensionKit): PyType {
  const { b } = kit;
  const I = b.I;
  const heap = b.heap;
  const t = newPythonClass(kit, 'UserList', 'collections');
  const isUserList = (o: PyObject): boolean => o.type.isSubtypeOf(t);
  const isList = (o: PyObject): boolean => o instanceof PyList;
  const { incret, callWith, withData, builtin, fullSlice, rewrap } = pythonLevelHelpers(b);
  /** Registers name(self, <sig>) running `impl` on the bound values (released afterwards). */
  const def = (name: string, sig: Signature, impl: (self: PyObject, vals: PyObject[], rest: PyObject[], kw: Map<string, PyObject>) => PyObject): void => {
    b.method(t, name, (self, args, kw) => {
      const bound = bindMethod(b, `UserList.${name}`, sig, args, kw);
      try {
        return impl(self, bound.values, bound.rest, bound.kw);
      } finally {
        for (const v of bound.values) heap.decref(v);
      }
    });
  };
  /** name(self, <sig>) returning self.data.<name>(...) as the list method gives it. */
  const delegate = (name: string, sig: Signature): void => {
    def(name, sig, (self, vals, rest, kw) => withData(self, (d) => {
      const m = I.getAttr(d, name);
      try {
        return callWith(m, [...vals, ...rest], kw);
      } finally {
        heap.decref(m);
      }
    }));
  };
  const one = (p: string): Signature => ({ params: [p] });
  const none0: Signature = { params: [] };

  def('__init__', { params: ['initlist'], defaultsOf: [() => b.none()] }, (self, [initlist]) => {
    I.setAttr(self, 'data', b.list([]));
    if (initlist === None) return b.none();
    /** self.data[:] = v, consuming v. */
    const assignAll = (v: PyObject): void => {
      const sl = callWith(builtin('slice'), [None]);
      try {
        withData(self, (d) => I.setItem(d, sl, v));
      } finally {
        heap.decref(sl);
      }
    };
    if (initlist!.type === b.names.get('list')) {
      assignAll(incret(initlist!));
    } else if (isUserList(initlist!)) {
      assignAll(withData(initlist!, fullSlice));
    } else {
      I.setAttr(self, 'data', callWith(builtin('list'), [initlist!]));
    }
    return b.none();
  });
  def('__repr__', none0, (self) => withData(self, (d) => callWith(builtin('repr'), [d])));
  def('__len__', none0, (self) => withData(self, (d) => callWith(builtin('len'), [d])));
  /** __cast: other.data if it is a UserList, else other (a new reference). */
  const cast = (o: PyObject): PyObject => (isUserList(o) ? I.getAttr(o, 'data') : incret(o));
  for (const [name, op] of [['__lt__', 'Lt'], ['__le__', 'LtE'], ['__eq__', 'Eq'], ['__gt__', 'Gt'], ['__ge__', 'GtE']] as const) {
    def(name, one('other'), (self, [other]) => {
      const o = cast(other!);
      try {
        return withData(self, (d) => I.richCompare(op, d, o));
      } finally {
        heap.decref(o);
      }
    });
  }
  def('__contains__', one('item'), (self, [item]) => b.bool(withData(self, (d) => I.contains(d, item!))));
  def('__getitem__', one('i'), (self, [i]) => withData(self, (d) => {
    const v = I.getItem(d, i!);
    return i!.type === b.names.get('slice') ? rewrap(self, v) : v;
  }));
  def('__setitem__', { params: ['i', 'item'] }, (self, [i, item]) => {
    withData(self, (d) => I.setItem(d, i!, incret(item!)));
    return b.none();
  });
  def('__delitem__', one('i'), (self, [i]) => {
    withData(self, (d) => I.delItem(d, i!));
    return b.none();
  });
  /** A list made from `o` as `list(o)`: a new reference. */
  const listOf = (o: PyObject): PyObject => callWith(builtin('list'), [o]);
  /** x + y with either operand possibly made for the occasion (released afterwards). */
  const addOwned = (x: PyObject, y: PyObject, owned: PyObject | null): PyObject => {
    try {
      return I.binop('Add', x, y, false);
    } finally {
      if (owned) heap.decref(owned);
    }
  };
  def('__add__', one('other'), (self, [other]) => rewrap(self, withData(self, (d) => {
    if (isUserList(other!)) return withData(other!, (od) => I.binop('Add', d, od, false));
    if (isList(other!)) return I.binop('Add', d, other!, false);
    const l = listOf(other!);
    return addOwned(d, l, l);
  })));
  def('__radd__', one('other'), (self, [other]) => rewrap(self, withData(self, (d) => {
    if (isUserList(other!)) return withData(other!, (od) => I.binop('Add', od, d, false));
    if (isList(other!)) return I.binop('Add', other!, d, false);
    const l = listOf(other!);
    return addOwned(l, d, l);
  })));
  /** self.data op= v: the in-place result rebound to self.data, as an augmented assignment does. */
  const inplace = (self: PyObject, op: 'Add' | 'Mult', v: PyObject): void => {
    const r = withData(self, (d) => I.binop(op, d, v, true));
    I.setAttr(self, 'data', r);
  };
  def('__iadd__', one('other'), (self, [other]) => {
    if (isUserList(other!)) withData(other!, (od) => inplace(self, 'Add', od));
    else if (isList(other!)) inplace(self, 'Add', other!);
    else {
      const l = listOf(other!);
      try {
        inplace(self, 'Add', l);
      } finally {
        heap.decref(l);
      }
    }
    return incret(self);
  });
  def('__mul__', one('n'), (self, [n]) => rewrap(self, withData(self, (d) => I.binop('Mult', d, n!, false))));
  def('__rmul__', one('n'), (self, [n]) => rewrap(self, withData(self, (d) => I.binop('Mult', d, n!, false))));
  def('__imul__', one('n'), (self, [n]) => {
    inplace(self, 'Mult', n!);
    return incret(self);
  });
  // __copy__: inst = cls.__new__(cls); inst.__dict__.update(self.__dict__); inst.__dict__["data"] = self.__dict__["data"][:]
  def('__copy__', none0, (self) => {
    const cls = self.type;
    const newm = I.getAttr(cls, '__new__');
    let inst: PyObject;
    try {
      inst = callWith(newm, [cls]);
    } finally {
      heap.decref(newm);
    }
    try {
      const mine = I.getAttr(self, '__dict__');
      try {
        const theirs = I.getAttr(inst, '__dict__');
        try {
          heap.decref(I.callMethod(theirs, 'update', [incret(mine)]));
          const key = b.str('data');
          try {
            const data = I.getItem(mine, key);
            try {
              I.setItem(theirs, key, fullSlice(data));
            } finally {
              heap.decref(data);
            }
          } finally {
            heap.decref(key);
          }
        } finally {
          heap.decref(theirs);
        }
      } finally {
        heap.decref(mine);
      }
    } catch (e) {
      heap.decref(inst);
      throw e;
    }
    return inst;
  });
  delegate('append', one('item'));
  delegate('insert', { params: ['i', 'item'] });
  delegate('pop', { params: ['i'], defaultsOf: [() => b.int(-1)] });
  delegate('remove', one('item'));
  delegate('clear', none0);
  def('copy', none0, (self) => callWith(self.type, [self]));
  delegate('count', one('item'));
  delegate('index', { params: ['item'], star: true });
  delegate('reverse', none0);
  delegate('sort', { params: [], star: true, starStar: true });
  def('extend', one('other'), (self, [other]) => withData(self, (d) => {
    const m = I.getAttr(d, 'extend');
    try {
      if (isUserList(other!)) return withData(other!, (od) => callWith(m, [od]));
      return callWith(m, [other!]);
    } finally {
      heap.decref(m);
    }
  }));
  return finishPythonClass(kit, t, [['__hash__', None]]);
}
