/**
 * The SyntaxWarnings CPython 3.11's compiler prints while it compiles a program, before any
 * of it runs (Python/compile.c: check_compare, compiler_assert, check_caller,
 * check_subscripter, check_index):
 *
 *   prog.py:3: SyntaxWarning: "is" with a literal. Did you mean "=="?
 *     print(x is 300)
 *
 * - `is` / `is not` with an operand that is a constant after the AST optimizer's folding
 *   (`300`, `-1`, `'a' * 3`, `()`, `(1, 2)`), other than None, True, False and Ellipsis;
 *   a chain warns at most once.
 * - `assert (test, msg)`: a non-empty tuple is always true.
 * - calling a literal or display (`"abc"(x)`, `[1](x)`, `f"{a}"(x)`): "'str' object is not
 *   callable; perhaps you missed a comma?".
 * - subscripting a literal that cannot be subscripted (`5[0]`, `{1}[0]`, `lambda: 0[1]`), or
 *   indexing a str/bytes/tuple/list literal or display with a literal of another type
 *   (`[1, 2]['a']`): "... perhaps you missed a comma?" (loads only, not assignments).
 *
 * Each occurrence warns each time the compiler compiles it, which is more than once for a
 * `finally` body: CPython emits it on the normal path, on the exceptional path, and again
 * for each `return`, `break` or `continue` that leaves its `try` (the walk below follows
 * the compiler's order and duplication). The warning names the line of the expression
 * (of the statement, for assert) and, as warnings.showwarning does, echoes that source line.
 */
import type * as A from './ast.js';

/** A bound on the compile walk (duplicated finally bodies can multiply it). */
const WALK_BUDGET = 1_000_000;

/** What the walk needs to know about folding: whether `e` compiles to one constant. */
export type FoldsToConstant = (e: A.Expr) => boolean;

/** An enclosing block a `return`/`break`/`continue` may leave (compile.c's fblock stack). */
interface Block {
  kind: 'finally' | 'loop';
  /** The `finally` body a jump out of the block compiles again. */
  finalbody: A.Stmt[];
  parent: Block | null;
}

type Work = [node: unknown, blocks: Block | null];

/**
 * The text CPython writes to stderr while compiling `mod` (empty when nothing warns).
 * `filename` is the name tracebacks give the program.
 */
export function compileWarnings(mod: A.Module, source: string, filename: string, folds: FoldsToConstant): string {
  const lines = source.split(/\r\n|\r|\n/);
  let out = '';
  const warn = (lineno: number, message: string): void => {
    out += `${filename}:${lineno}: SyntaxWarning: ${message}\n`;
    const text = (lines[lineno - 1] ?? '').trim();
    if (text) out += `  ${text}\n`;
  };
  const stack: Work[] = [[mod.body, null]];
  let budget = WALK_BUDGET;
  while (stack.length > 0 && budget-- > 0) {
    const [node, blocks] = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], blocks]);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const n = node as A.Node;
    checkNode(n, blocks, folds, warn);
    // Children in compile order, pushed in reverse so they pop in order.
    const next = children(n, blocks);
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
  }
  return out;
}

/** The warnings compile.c raises at `n` itself, before it compiles n's children. */
function checkNode(n: A.Node, _blocks: Block | null, folds: FoldsToConstant, warn: (line: number, msg: string) => void): void {
  switch (n.type) {
    case 'Compare': {
      let left = isNonSingletonConstant(n.left, folds);
      for (let i = 0; i < n.ops.length; i++) {
        const right = isNonSingletonConstant(n.comparators[i]!, folds);
        const op = n.ops[i];
        if ((op === 'Is' || op === 'IsNot') && (left || right)) {
          warn(n.lineno, op === 'Is' ? '"is" with a literal. Did you mean "=="?' : '"is not" with a literal. Did you mean "!="?');
          return;
        }
        left = right;
      }
      return;
    }
    case 'Assert': {
      const t = n.test;
      if (t.type === 'Tuple' && t.elts.length > 0) warn(n.lineno, 'assertion is always true, perhaps remove parentheses?');
      return;
    }
    case 'Call': {
      const kind = callerType(n.func, folds);
      if (kind) warn(n.lineno, `'${kind}' object is not callable; perhaps you missed a comma?`);
      return;
    }
    case 'Subscript': {
      if (n.ctx !== 'Load') return;
      const notSubscriptable = subscripterType(n.value, folds);
      if (notSubscriptable) {
        warn(n.lineno, `'${notSubscriptable}' object is not subscriptable; perhaps you missed a comma?`);
        return;
      }
      const index = inferType(n.slice, folds);
      const seq = indexedType(n.value, folds);
      if (seq && index && index !== 'int' && index !== 'bool' && index !== 'slice') {
        warn(n.lineno, `${seq} indices must be integers or slices, not ${index}; perhaps you missed a comma?`);
      }
      return;
    }
    default:
      return;
  }
}

/** check_is_arg's complement: a constant that is not None, True, False or Ellipsis. */
function isNonSingletonConstant(e: A.Expr, folds: FoldsToConstant): boolean {
  if (e.type === 'Constant') {
    const k = e.value.kind;
    return k !== 'none' && k !== 'bool' && k !== 'ellipsis';
  }
  return folds(e);
}

/** The type name of a constant's value. */
function constantType(v: A.ConstValue): string {
  switch (v.kind) {
    case 'none': return 'NoneType';
    case 'ellipsis': return 'ellipsis';
    default: return v.kind;
  }
}

/**
 * infer_type: the type a literal or display certainly has (null when unknown). A folded
 * expression's type is its constant's (only tuples, numbers, str and bytes fold here).
 */
function inferType(e: A.Expr, folds: FoldsToConstant): string | null {
  switch (e.type) {
    case 'Tuple': return 'tuple';
    case 'List': case 'ListComp': return 'list';
    case 'Dict': case 'DictComp': return 'dict';
    case 'Set': case 'SetComp': return 'set';
    case 'GeneratorExp': return 'generator';
    case 'Lambda': return 'function';
    case 'JoinedStr': case 'FormattedValue': return 'str';
    case 'Slice': return 'slice';
    case 'Constant': return constantType(e.value);
    default: return folds(e) ? foldedType(e) : null;
  }
}

/** The type of the constant a foldable expression becomes. */
function foldedType(e: A.Expr): string | null {
  switch (e.type) {
    case 'UnaryOp':
      if (e.op === 'Not') return 'bool';
      return e.operand.type === 'Constant' && e.operand.value.kind === 'bool' ? 'int' : e.operand.type === 'Constant' ? constantType(e.operand.value) : null;
    case 'BinOp': {
      const l = e.left.type === 'Constant' ? constantType(e.left.value) : null;
      const r = e.right.type === 'Constant' ? constantType(e.right.value) : null;
      if (l === 'str' || l === 'bytes') return l;
      if (r === 'str' || r === 'bytes') return r;
      if (l === 'complex' || r === 'complex') return 'complex';
      if (l === 'float' || r === 'float' || e.op === 'Div') return 'float';
      return 'int';
    }
    default:
      return null;
  }
}

/** check_caller: literals and displays that cannot be called. */
function callerType(e: A.Expr, folds: FoldsToConstant): string | null {
  switch (e.type) {
    case 'Constant': case 'Tuple': case 'List': case 'ListComp': case 'Dict': case 'DictComp':
    case 'Set': case 'SetComp': case 'GeneratorExp': case 'JoinedStr': case 'FormattedValue':
      return inferType(e, folds);
    default:
      return folds(e) ? foldedType(e) : null;
  }
}

/** check_subscripter: None, Ellipsis, numbers and sets, set displays, generators, lambdas. */
function subscripterType(e: A.Expr, folds: FoldsToConstant): string | null {
  switch (e.type) {
    case 'Set': case 'SetComp': case 'GeneratorExp': case 'Lambda':
      return inferType(e, folds);
    case 'Constant': {
      const k = e.value.kind;
      return k === 'none' || k === 'ellipsis' || k === 'int' || k === 'float' || k === 'complex' || k === 'bool' ? constantType(e.value) : null;
    }
    default: {
      const t = folds(e) ? foldedType(e) : null;
      return t === 'int' || t === 'float' || t === 'complex' || t === 'bool' ? t : null;
    }
  }
}

/** check_index: sequences whose literal index must be an int or a slice. */
function indexedType(e: A.Expr, folds: FoldsToConstant): string | null {
  switch (e.type) {
    case 'Tuple': case 'List': case 'ListComp': case 'JoinedStr': case 'FormattedValue':
      return inferType(e, folds);
    case 'Constant': {
      const k = e.value.kind;
      return k === 'str' || k === 'bytes' ? k : null;
    }
    default: {
      const t = folds(e) ? foldedType(e) : null;
      return t === 'str' || t === 'bytes' ? t : null;
    }
  }
}

/** A node's children with the blocks they compile under, in the compiler's order. */
function children(n: A.Node, blocks: Block | null): Work[] {
  const w = (...nodes: unknown[]): Work[] => nodes.map((x) => [x, blocks]);
  switch (n.type) {
    case 'Module': return w(n.body);
    case 'FunctionDef':
      // Decorators, defaults, annotations in the enclosing code; the body is a new unit.
      return [...w(n.decorator_list), ...argumentsWork(n.args, blocks), ...w(n.returns), [n.body, null]];
    case 'Lambda': return [...w(n.args.defaults, n.args.kw_defaults), [n.body, null]];
    // compiler_class: decorators, the body (a new unit), then the bases and keywords.
    case 'ClassDef': return [...w(n.decorator_list), [n.body, null], ...w(n.bases, n.keywords)];
    case 'Return': return [...w(n.value), ...unwind(blocks, 'return')];
    case 'Break': case 'Continue': return unwind(blocks, 'loop');
    case 'Delete': return w(n.targets);
    case 'Assign': return w(n.value, n.targets);
    case 'AugAssign': return w(n.target, n.value);
    case 'AnnAssign': return w(n.value, n.target, n.annotation);
    case 'For': {
      const loop: Block = { kind: 'loop', finalbody: [], parent: blocks };
      return [[n.iter, blocks], [n.target, loop], [n.body, loop], [n.orelse, blocks]];
    }
    case 'While': {
      const loop: Block = { kind: 'loop', finalbody: [], parent: blocks };
      return [[n.test, loop], [n.body, loop], [n.orelse, blocks]];
    }
    case 'If': return w(n.test, n.body, n.orelse);
    case 'With': return w(n.items, n.body);
    case 'withitem': return w(n.context_expr, n.optional_vars);
    case 'Raise': return w(n.exc, n.cause);
    case 'Try': {
      // compiler_try_except: body, else, then the handlers; with a finally, all of that
      // inside its block, then the finally body twice (normal and exceptional paths).
      const inner: Block | null = n.finalbody.length > 0 ? { kind: 'finally', finalbody: n.finalbody, parent: blocks } : blocks;
      const tried: Work[] = [[n.body, inner], [n.orelse, inner], [n.handlers, inner]];
      return n.finalbody.length > 0 ? [...tried, [n.finalbody, blocks], [n.finalbody, blocks]] : tried;
    }
    case 'ExceptHandler': return w(n.type_, n.body);
    case 'Assert': return w(n.test, n.msg);
    case 'Expr': return w(n.value);
    case 'BoolOp': return w(n.values);
    case 'NamedExpr': return w(n.value, n.target);
    case 'BinOp': return w(n.left, n.right);
    case 'UnaryOp': return w(n.operand);
    case 'IfExp': return w(n.test, n.body, n.orelse);
    case 'Dict': return w(...n.keys.flatMap((k, i) => [k, n.values[i]]));
    case 'Set': case 'List': case 'Tuple': return w(n.elts);
    case 'ListComp': case 'SetComp': case 'GeneratorExp': return comprehension(n.generators, [n.elt], blocks);
    case 'DictComp': return comprehension(n.generators, [n.key, n.value], blocks);
    case 'comprehension': return w(n.iter, n.target, n.ifs);
    case 'Yield': return w(n.value);
    case 'YieldFrom': return w(n.value);
    case 'Compare': return w(n.left, n.comparators);
    case 'Call': return w(n.func, n.args, n.keywords);
    case 'keyword': return w(n.value);
    case 'FormattedValue': return w(n.value, n.format_spec);
    case 'JoinedStr': return w(n.values);
    case 'Attribute': return w(n.value);
    case 'Subscript': return w(n.value, n.slice);
    case 'Starred': return w(n.value);
    case 'Slice': return w(n.lower, n.upper, n.step);
    default: return [];
  }
}

/** compiler_default_arguments, then compiler_visit_annotations. */
function argumentsWork(a: A.Arguments, blocks: Block | null): Work[] {
  const annotations = [...a.args, ...a.posonlyargs, a.vararg, ...a.kwonlyargs, a.kwarg].map((arg) => arg?.annotation ?? null);
  return [a.defaults, a.kw_defaults, annotations].map((x) => [x, blocks]);
}

/**
 * compiler_comprehension: inside the new unit the first iterable is the argument `.0`, so
 * its target and conditions come first, then the inner generators, then the element; the
 * first iterable is compiled afterwards, in the enclosing code.
 */
function comprehension(gens: A.Comprehension[], elt: A.Expr[], blocks: Block | null): Work[] {
  const first = gens[0];
  if (!first) return [[elt, null]];
  return [[[first.target, first.ifs], null], [gens.slice(1), null], [elt, null], [first.iter, blocks]];
}

/**
 * compiler_unwind_fblock_stack: a jump out of `finally` blocks compiles each one's body
 * again (innermost first, each under the blocks outside it) — up to the innermost loop for
 * `break`/`continue`, to the function's edge for `return`.
 */
function unwind(blocks: Block | null, to: 'return' | 'loop'): Work[] {
  const out: Work[] = [];
  for (let b = blocks; b !== null; b = b.parent) {
    if (b.kind === 'loop') {
      if (to === 'loop') break;
      continue;
    }
    out.push([b.finalbody, b.parent]);
  }
  return out;
}
