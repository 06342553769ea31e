/**
 * The `operator` module: the operators as functions, each the same operation the
 * interpreter runs for the expression (so dunders, reflection and error messages are
 * the interpreter's). The callable-object factories (itemgetter, attrgetter,
 * methodcaller) and the rarer helpers are refused rather than missing.
 */
import { False, None, True, type PyObject } from '../../objects.js';
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

const REFUSED = [
  'attrgetter', 'itemgetter', 'methodcaller', 'call', 'concat', 'iconcat', 'countOf', 'indexOf',
  'length_hint', 'abs', 'index',
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
  fn('not_', 1, ([x]) => (I.truth(x!) ? False : True));
  fn('truth', 1, ([x]) => (I.truth(x!) ? True : False));
  fn('is_', 2, ([x, y]) => (x === y ? True : False));
  fn('is_not', 2, ([x, y]) => (x !== y ? True : False));
  fn('contains', 2, ([x, y]) => (I.contains(x!, y!) ? True : False));
  fn('getitem', 2, ([x, y]) => I.getItem(x!, y!));
  fn('setitem', 3, ([x, y, z]) => {
    heap.incref(z!);
    I.setItem(x!, y!, z!);
    return None;
  });
  fn('delitem', 2, ([x, y]) => {
    I.delItem(x!, y!);
    return None;
  });
  for (const name of REFUSED) {
    attrs[name] = b.native(name, () => {
      throw b.err('NotImplementedError', `heaplab does not support 'operator.${name}'`);
    });
  }
  b.addModule('operator', attrs);
}
