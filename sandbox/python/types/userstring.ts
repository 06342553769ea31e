/**
 * collections.UserString: a class CPython writes in Python (Lib/collections/__init__.py), built
 * here as what it is there — a heap class of the `collections` module, one per sandbox — whose
 * methods are natives doing exactly what the Python source does, step by step:
 *
 * - an instance is a plain instance of the class (3.11's inline values, `__dict__` and
 *   `__weakref__`, tracked, holding a reference to its class); `__init__` stores `data` as the
 *   str given, a copy (`seq.data[:]`, the same str) of another UserString's, or `str(seq)`;
 * - methods returning a string build `self.__class__(result)` — a subclass's own `__init__`
 *   runs — the others return what the str method returns; the arguments CPython unwraps
 *   (`sub` of count/find/rfind, `old`/`new` of replace, ...) are unwrapped, no others;
 * - arguments are bound as a Python function binds them, with its TypeError messages.
 *
 * Not modelled: the collections.abc.Sequence base (its mixins __iter__/__reversed__ are
 * generators in CPython; here iteration uses __getitem__ and yields the same items), so
 * `UserString.__mro__` is (UserString, object) and `UserString.maketrans` is absent.
 */
import { None, type PyObject, type PyType, strType } from '../../objects.js';
import type { ExtensionKit } from '../extension.js';
import { type Signature, bindMethod as bind, finishPythonClass, newPythonClass, pythonLevelHelpers } from './python-class.js';

/** How a method's result comes back: wrapped in `self.__class__(...)`, or as the str method gives it. */
type Wrap = 'wrap' | 'plain';

export function newUserStringClass(kit: ExtensionKit): PyType {
  const { b } = kit;
  const I = b.I;
  const heap = b.heap;
  const t = newPythonClass(kit, 'UserString', 'collections');
  const isUserString = (o: PyObject): boolean => o.type.isSubtypeOf(t);
  const isStr = (o: PyObject): boolean => o.type.isSubtypeOf(strType);
  const { incret, callWith, withData, builtin, fullSlice: sliceAll, rewrap } = pythonLevelHelpers(b);
  /** `x.data` when x is a UserString, else x: a new reference. */
  const unwrap = (x: PyObject): PyObject => (isUserString(x) ? I.getAttr(x, 'data') : incret(x));
  /** `s[:]`: an exact str is its own full slice (unicode_subscript); a subclass's gives an exact copy. */
  const fullSlice = (s: PyObject): PyObject => (s.type === strType ? incret(s) : sliceAll(s));
  const maxsize = (): PyObject => b.int(9223372036854775807n);
  const zero = (): PyObject => b.int(0);
  const noneDefault = (): PyObject => b.none();
  /** Releases the bound values once `use` is done with them. */
  const withBound = <R>(bound: ReturnType<typeof bind>, use: (vals: PyObject[]) => R): R => {
    try {
      return use(bound.values);
    } finally {
      for (const v of bound.values) heap.decref(v);
    }
  };

  /**
   * Registers `name` as UserString.name(self, <sig>): the bound values — those at `unwrapAt`
   * unwrapped as CPython's source does — go to `self.data.<name>(...)`, the result wrapped or not.
   */
  const delegate = (name: string, sig: Signature, wrap: Wrap, unwrapAt: number[] = []): void => {
    b.method(t, name, (self, args, kw) => {
      const bound = bind(b, `UserString.${name}`, sig, args, kw);
      return withBound(bound, (vals) => {
        const passed = vals.map((v, i) => (unwrapAt.includes(i) ? unwrap(v) : incret(v)));
        let r: PyObject;
        try {
          r = withData(self, (d) => {
            const m = I.getAttr(d, name);
            try {
              return callWith(m, [...passed, ...bound.rest], bound.kw);
            } finally {
              heap.decref(m);
            }
          });
        } finally {
          for (const p of passed) heap.decref(p);
        }
        return wrap === 'wrap' ? rewrap(self, r) : r;
      });
    });
  };
  /** A one-parameter method: `impl(self, value)` with the value borrowed. */
  const unary = (name: string, param: string, impl: (self: PyObject, v: PyObject) => PyObject): void => {
    b.method(t, name, (self, args, kw) => withBound(bind(b, `UserString.${name}`, { params: [param] }, args, kw), ([v]) => impl(self, v!)));
  };

  b.method(t, '__init__', (self, args, kw) => withBound(bind(b, 'UserString.__init__', { params: ['seq'] }, args, kw), ([seq]) => {
    let v: PyObject;
    if (isStr(seq!)) v = incret(seq!);
    else if (isUserString(seq!)) v = withData(seq!, fullSlice);
    else v = callWith(builtin('str'), [seq!]);
    I.setAttr(self, 'data', v);
    return b.none();
  }));
  // __str__, __repr__, __int__, __float__, __complex__, __hash__, __len__: f(self.data)
  for (const [name, fn] of [['__str__', 'str'], ['__repr__', 'repr'], ['__int__', 'int'], ['__float__', 'float'], ['__complex__', 'complex'], ['__hash__', 'hash'], ['__len__', 'len']] as const) {
    b.method(t, name, (self, args, kw) => {
      bind(b, `UserString.${name}`, { params: [] }, args, kw);
      return withData(self, (d) => callWith(builtin(fn), [d]));
    });
  }
  b.method(t, '__getnewargs__', (self, args, kw) => {
    bind(b, 'UserString.__getnewargs__', { params: [] }, args, kw);
    return I.tupleOwned([withData(self, fullSlice)]);
  });
  for (const [name, op] of [['__eq__', 'Eq'], ['__lt__', 'Lt'], ['__le__', 'LtE'], ['__gt__', 'Gt'], ['__ge__', 'GtE']] as const) {
    unary(name, 'string', (self, other) => {
      const o = unwrap(other);
      try {
        return withData(self, (d) => I.richCompare(op, d, o));
      } finally {
        heap.decref(o);
      }
    });
  }
  unary('__contains__', 'char', (self, ch) => {
    const c = unwrap(ch);
    try {
      return b.bool(withData(self, (d) => I.contains(d, c)));
    } finally {
      heap.decref(c);
    }
  });
  unary('__getitem__', 'index', (self, index) => rewrap(self, withData(self, (d) => I.getItem(d, index))));
  const strOf = (o: PyObject): PyObject => callWith(builtin('str'), [o]);
  /** x op y, releasing `owned` (an operand made for the occasion) afterwards. */
  const binopOwned = (op: 'Add' | 'Mod', x: PyObject, y: PyObject, owned: PyObject): PyObject => {
    try {
      return I.binop(op, x, y, false);
    } finally {
      heap.decref(owned);
    }
  };
  unary('__add__', 'other', (self, other) => rewrap(self, withData(self, (d) => {
    if (isUserString(other)) return withData(other, (od) => I.binop('Add', d, od, false));
    if (isStr(other)) return I.binop('Add', d, other, false);
    const s = strOf(other);
    return binopOwned('Add', d, s, s);
  })));
  unary('__radd__', 'other', (self, other) => rewrap(self, withData(self, (d) => {
    if (isStr(other)) return I.binop('Add', other, d, false);
    const s = strOf(other);
    return binopOwned('Add', s, d, s);
  })));
  unary('__mul__', 'n', (self, n) => rewrap(self, withData(self, (d) => I.binop('Mult', d, n, false))));
  unary('__rmul__', 'n', (self, n) => rewrap(self, withData(self, (d) => I.binop('Mult', d, n, false))));
  unary('__mod__', 'args', (self, a) => rewrap(self, withData(self, (d) => I.binop('Mod', d, a, false))));
  unary('__rmod__', 'template', (self, template) => {
    const s = strOf(template);
    return rewrap(self, binopOwned('Mod', s, self, s));
  });

  const none0: Signature = { params: [] };
  const range = (first: string): Signature => ({ params: [first, 'start', 'end'], defaultsOf: [zero, maxsize] });
  for (const name of ['capitalize', 'casefold', 'lower', 'swapcase', 'title', 'upper']) delegate(name, none0, 'wrap');
  for (const name of ['isalpha', 'isalnum', 'isascii', 'isdecimal', 'isdigit', 'isidentifier', 'islower', 'isnumeric', 'isprintable', 'isspace', 'istitle', 'isupper']) {
    delegate(name, none0, 'plain');
  }
  for (const name of ['center', 'ljust', 'rjust']) delegate(name, { params: ['width'], star: true }, 'wrap');
  delegate('count', range('sub'), 'plain', [0]);
  delegate('find', range('sub'), 'plain', [0]);
  delegate('rfind', range('sub'), 'plain', [0]);
  delegate('index', range('sub'), 'plain');
  delegate('rindex', range('sub'), 'plain');
  delegate('endswith', range('suffix'), 'plain');
  delegate('startswith', range('prefix'), 'plain');
  delegate('removeprefix', { params: ['prefix'], posOnly: 1 }, 'wrap', [0]);
  delegate('removesuffix', { params: ['suffix'], posOnly: 1 }, 'wrap', [0]);
  b.method(t, 'encode', (self, args, kw) => {
    const sig: Signature = { params: ['encoding', 'errors'], defaultsOf: [() => b.str('utf-8'), () => b.str('strict')] };
    return withBound(bind(b, 'UserString.encode', sig, args, kw), ([encoding, errors]) => {
      const enc = encoding === None ? b.str('utf-8') : incret(encoding!);
      const errs = errors === None ? b.str('strict') : incret(errors!);
      try {
        return withData(self, (d) => {
          const m = I.getAttr(d, 'encode');
          try {
            return callWith(m, [enc, errs]);
          } finally {
            heap.decref(m);
          }
        });
      } finally {
        heap.decref(enc);
        heap.decref(errs);
      }
    });
  });
  delegate('expandtabs', { params: ['tabsize'], defaultsOf: [() => b.int(8)] }, 'wrap');
  delegate('format', { params: [], star: true, starStar: true }, 'plain');
  delegate('format_map', { params: ['mapping'] }, 'plain');
  delegate('join', { params: ['seq'] }, 'plain');
  delegate('lstrip', { params: ['chars'], defaultsOf: [noneDefault] }, 'wrap');
  delegate('rstrip', { params: ['chars'], defaultsOf: [noneDefault] }, 'wrap');
  delegate('strip', { params: ['chars'], defaultsOf: [noneDefault] }, 'wrap');
  delegate('partition', { params: ['sep'] }, 'plain');
  delegate('rpartition', { params: ['sep'] }, 'plain');
  delegate('replace', { params: ['old', 'new', 'maxsplit'], defaultsOf: [() => b.int(-1)] }, 'wrap', [0, 1]);
  delegate('split', { params: ['sep', 'maxsplit'], defaultsOf: [noneDefault, () => b.int(-1)] }, 'plain');
  delegate('rsplit', { params: ['sep', 'maxsplit'], defaultsOf: [noneDefault, () => b.int(-1)] }, 'plain');
  delegate('splitlines', { params: ['keepends'], defaultsOf: [() => b.bool(false)] }, 'plain');
  delegate('translate', { params: [], star: true }, 'wrap');
  delegate('zfill', { params: ['width'] }, 'wrap');
  return finishPythonClass(kit, t);
}
