/**
 * The `operator` module: the operators as functions, each the same operation the
 * interpreter runs for the expression (so dunders, reflection and error messages are
 * the interpreter's), and the callable objects itemgetter / attrgetter. methodcaller
 * and the rarer helpers are refused rather than missing.
 */
import { SHARED, PyBool, PyInt, PyObject, PyStr, PyType, objectType, typeType } from '../../objects.js';
import type * as A from '../ast.js';
import type { Builtins } from '../builtins.js';

/** Binary arithmetic functions and the operator each applies (inplace for the i-forms). */
const BINARY: Array<[string, A.Operator, boolean]> = [];
for (const [name, op] of [
  ['add', 'Add'], ['sub', 'Sub'], ['mul', 'Mult'], ['matmul', 'MatMult'], ['truediv', 'Div'],
  ['floordiv', 'FloorDiv'], ['mod', 'Mod'], ['pow', 'Pow'], ['lshift', 'LShift'], ['rshift', 'RShift'],
  ['and_', 'BitAnd'], ['or_', 'BitOr'], ['xor', 'BitXor'],
] as Array<[string, A.Operator]>) {
  BINARY.push([name, op, false]);
  BINARY.push([`i${name.replace(/_$/, '')}`, op, true]);
}

const COMPARISONS: Array<[string, A.CmpOperator]> = [
  ['lt', 'Lt'], ['le', 'LtE'], ['eq', 'Eq'], ['ne', 'NotEq'], ['ge', 'GtE'], ['gt', 'Gt'],
];

const UNARY: Array<[string, A.UnaryOperator]> = [['neg', 'USub'], ['pos', 'UAdd'], ['invert', 'Invert'], ['inv', 'Invert']];

/** operator.itemgetter / operator.attrgetter: callable objects holding their keys. */
function operatorType(name: string): PyType {
  const t = new PyType(typeType, name, 'object', objectType, false, 'operator');
  t.gcFlags |= SHARED;
  return t;
}
export const itemgetterType = operatorType('itemgetter');
export const attrgetterType = operatorType('attrgetter');

/** An itemgetter or attrgetter: the keys (item keys, or attribute-name strs) it applies. */
export class PyGetter extends PyObject {
  constructor(
    type: PyType,
    public keys: PyObject[],
  ) {
    super(type);
  }
  override traverse(visit: (o: PyObject) => void): void {
    for (const k of this.keys) visit(k);
  }
  override clearRefs(out: PyObject[]): void {
    for (const k of this.keys) out.push(k);
    this.keys = [];
  }
}

const REFUSED = [
  'methodcaller', 'call', 'concat', 'iconcat', 'countOf', 'indexOf',
  'length_hint', 'abs',
];

/** Register `operator`. */
export function installOperatorModule(b: Builtins): void {
  const I = b.I;
  const heap = b.heap;
  const attrs: Record<string, PyObject> = {};
  /** A function of exactly `n` positional arguments, with _operator's argument errors. */
  const fn = (name: string, n: 1 | 2 | 3, impl: (a: PyObject[]) => PyObject): void => {
    attrs[name] = b.native(name, (args, kw) => {
      if (kw && kw.size) throw b.err('TypeError', `${name}() takes no keyword arguments`);
      if (args.length !== n) {
        if (n === 1) throw b.err('TypeError', `_operator.${name}() takes exactly one argument (${args.length} given)`);
        throw b.err('TypeError', `${name} expected ${n} arguments, got ${args.length}`);
      }
      return impl(args);
    });
  };
  for (const [name, op, inplace] of BINARY) fn(name, 2, ([x, y]) => I.binop(op, x!, y!, inplace));
  for (const [name, op] of COMPARISONS) fn(name, 2, ([x, y]) => I.richCompare(op, x!, y!));
  for (const [name, op] of UNARY) fn(name, 1, ([x]) => I.unary(op, x!));
  fn('not_', 1, ([x]) => b.bool(!I.truth(x!)));
  fn('truth', 1, ([x]) => b.bool(I.truth(x!)));
  fn('is_', 2, ([x, y]) => b.bool(x === y));
  fn('is_not', 2, ([x, y]) => b.bool(x !== y));
  // PyNumber_Index: an int as itself, a bool (an int subclass) as a plain int, else __index__,
  // whose result must be an int.
  fn('index', 1, ([x]) => {
    if (x instanceof PyBool) return b.int(x.value ? 1 : 0);
    if (x instanceof PyInt) {
      heap.incref(x);
      return x;
    }
    const m = I.dunder(x!, '__index__');
    if (!m) throw b.err('TypeError', `'${x!.type.name}' object cannot be interpreted as an integer`);
    const r = I.callDunder(m, x!, []);
    if (r instanceof PyInt) return r;
    heap.decref(r);
    throw b.err('TypeError', `__index__ returned non-int (type ${r.type.name})`);
  });
  fn('contains', 2, ([x, y]) => b.bool(I.contains(x!, y!)));
  fn('getitem', 2, ([x, y]) => I.getItem(x!, y!));
  fn('setitem', 3, ([x, y, z]) => {
    heap.incref(z!);
    I.setItem(x!, y!, z!);
    return b.none();
  });
  fn('delitem', 2, ([x, y]) => {
    I.delItem(x!, y!);
    return b.none();
  });
  /** itemgetter(*items) / attrgetter(*names): one key gives one value, several a tuple. */
  const getter = (type: PyType) => (args: PyObject[], kw: Map<string, PyObject> | null): PyObject => {
    if (kw && kw.size) throw b.err('TypeError', `${type.name}() takes no keyword arguments`);
    if (args.length === 0) throw b.err('TypeError', `${type.name} expected 1 argument, got 0`);
    if (type === attrgetterType && !args.every((a) => a instanceof PyStr)) throw b.err('TypeError', 'attribute name must be a string');
    for (const a of args) heap.incref(a);
    return heap.track(heap.register(new PyGetter(type, args.slice())));
  };
  attrs.itemgetter = b.native('itemgetter', getter(itemgetterType));
  attrs.attrgetter = b.native('attrgetter', getter(attrgetterType));
  /** What one key gets from `obj` (attrgetter follows dotted names). */
  const getOne = (type: PyType, obj: PyObject, key: PyObject): PyObject => {
    if (type === itemgetterType) return I.getItem(obj, key);
    let cur = obj;
    heap.incref(cur);
    for (const part of (key as PyStr).value.split('.')) {
      try {
        const next = I.getAttr(cur, part);
        heap.decref(cur);
        cur = next;
      } catch (e) {
        heap.decref(cur);
        throw e;
      }
    }
    return cur;
  };
  for (const type of [itemgetterType, attrgetterType]) {
    b.method(type, '__call__', (s, a, kw) => {
      const g = s as PyGetter;
      if (kw && kw.size) throw b.err('TypeError', `${type.name}() takes no keyword arguments`);
      if (a.length !== 1) throw b.err('TypeError', `${type.name} expected 1 argument, got ${a.length}`);
      if (g.keys.length === 1) return getOne(type, a[0]!, g.keys[0]!);
      const out: PyObject[] = [];
      try {
        for (const k of g.keys) out.push(getOne(type, a[0]!, k));
      } catch (e) {
        for (const v of out) heap.decref(v);
        throw e;
      }
      return I.tupleOwned(out);
    });
    b.method(type, '__repr__', (s) => b.str(`operator.${type.name}(${(s as PyGetter).keys.map((k) => I.repr(k)).join(', ')})`));
  }
  for (const name of REFUSED) {
    attrs[name] = b.native(name, () => {
      throw b.err('NotImplementedError', `heaplab does not support 'operator.${name}'`);
    });
  }
  b.addModule('operator', attrs);
}
