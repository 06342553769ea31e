/**
 * An estimate of a code object's co_stacksize — the deepest the evaluation stack gets
 * while CPython 3.11 runs it — from the AST, for the constructs a lesson uses.
 *
 * It matters because a generator's frame lives inside the generator, so
 * `sys.getsizeof(gen)` is 168 + 8 × (co_nlocalsplus + co_stacksize) in 3.11. The rules
 * below follow the 3.11 compiler's stack effects: a value takes one slot; a call pushes
 * NULL, the callable and then its arguments one after another; a binary operation holds
 * its left operand while the right one is evaluated; a `for` loop keeps its iterator on
 * the stack for the whole body. (Checked against CPython for generator expressions and
 * generator functions with loops, tuples, calls and arithmetic.)
 */
import type * as A from './ast.js';
import type { Code } from './scope.js';

/** Slots needed to evaluate `e` and leave its value on the stack. */
export function exprDepth(e: A.Expr): number {
  switch (e.type) {
    case 'Constant': case 'Name': return 1;
    case 'BinOp': return Math.max(exprDepth(e.left), 1 + exprDepth(e.right));
    case 'BoolOp': return Math.max(...e.values.map(exprDepth));
    case 'UnaryOp': return exprDepth(e.operand);
    case 'Compare':
      // A chain keeps a copy of each middle operand for the next comparison.
      return Math.max(exprDepth(e.left), ...e.comparators.map((c, i) => (i === 0 ? 1 : 2) + exprDepth(c)));
    case 'Attribute': return exprDepth(e.value);
    case 'Subscript': return Math.max(exprDepth(e.value), 1 + exprDepth(e.slice));
    case 'Call': {
      // NULL + callable (or self + method), then the arguments in order.
      let d = Math.max(2, 1 + exprDepth(e.func));
      const args = [...e.args, ...e.keywords.map((k) => k.value)];
      args.forEach((a, i) => (d = Math.max(d, 2 + i + exprDepth(a))));
      return d;
    }
    case 'Tuple': case 'List': case 'Set':
      return seqDepth(e.elts);
    case 'Dict': {
      let d = 1;
      e.keys.forEach((k, i) => {
        d = Math.max(d, 2 * i + (k ? exprDepth(k) : 0), 2 * i + 1 + exprDepth(e.values[i]!));
      });
      return d;
    }
    case 'IfExp': return Math.max(exprDepth(e.test), exprDepth(e.body), exprDepth(e.orelse));
    case 'JoinedStr': return seqDepth(e.values);
    case 'FormattedValue': return exprDepth(e.value) + (e.format_spec ? 1 : 0);
    case 'Yield': return e.value ? exprDepth(e.value) : 1;
    case 'Starred': return exprDepth(e.value);
    case 'Slice': return 3;
    case 'NamedExpr': return exprDepth(e.value) + 1;
    default: return 2; // lambdas and comprehensions build a function and call it
  }
}

function seqDepth(items: A.Expr[]): number {
  let d = 1;
  items.forEach((x, i) => (d = Math.max(d, i + exprDepth(x))));
  return d;
}

/** The deepest the stack gets over a block of statements, `base` slots already in use. */
export function blockDepth(body: A.Stmt[], base = 0): number {
  let d = 0;
  for (const s of body) d = Math.max(d, stmtDepth(s, base));
  return d;
}

function stmtDepth(s: A.Stmt, base: number): number {
  switch (s.type) {
    case 'Expr': case 'Return': return base + (s.value ? exprDepth(s.value) : 1);
    case 'Assign': {
      const unpack = s.targets.reduce((n, t) => Math.max(n, t.type === 'Tuple' || t.type === 'List' ? t.elts.length : 1), 1);
      return base + Math.max(exprDepth(s.value), unpack);
    }
    case 'AugAssign': return base + 1 + exprDepth(s.value) + (s.target.type === 'Name' ? 0 : 1);
    case 'For':
      return Math.max(base + exprDepth(s.iter), base + 2, blockDepth(s.body, base + 1), blockDepth(s.orelse, base));
    case 'While':
      return Math.max(base + exprDepth(s.test), blockDepth(s.body, base), blockDepth(s.orelse, base));
    case 'If':
      return Math.max(base + exprDepth(s.test), blockDepth(s.body, base), blockDepth(s.orelse, base));
    case 'Try':
      return Math.max(blockDepth(s.body, base), ...s.handlers.map((h) => blockDepth(h.body, base + 2)),
        blockDepth(s.orelse, base), blockDepth(s.finalbody, base + 1));
    case 'With': return blockDepth(s.body, base + 2);
    default: return base + 1;
  }
}

/** co_stacksize of a generator expression: its loop iterators stay on the stack. */
export function genexpDepth(e: A.Expr & { generators: A.Comprehension[]; elt: A.Expr }): number {
  let d = 0;
  e.generators.forEach((g, i) => {
    // The outermost iterable is evaluated by the caller and arrives as an iterator.
    d = Math.max(d, i === 0 ? 2 : i + exprDepth(g.iter), i + 2);
    for (const c of g.ifs) d = Math.max(d, i + 1 + exprDepth(c));
  });
  return Math.max(d, e.generators.length + exprDepth(e.elt));
}

const cache = new WeakMap<Code, number>();

/** co_stacksize for a code object (cached per code). */
export function stackSizeOf(code: Code): number {
  let n = cache.get(code);
  if (n === undefined) {
    const node = code.node;
    n = node && node.type === 'GeneratorExp' ? genexpDepth(node) : Math.max(1, blockDepth(code.body));
    cache.set(code, n);
  }
  return n;
}

/** Record a code's exact co_stacksize (a compiled code object's), instead of the AST estimate. */
export function knownStackSize(code: Code, n: number): void {
  cache.set(code, n);
}

/** sys.getsizeof of a 3.11 generator: the object plus its embedded frame. */
export function generatorSize(code: Code): number {
  return 168 + 8 * (code.names.length + stackSizeOf(code));
}

/**
 * sys.getsizeof of a 3.11 frame object: frame_sizeof (the PyFrameObject up to its frame data,
 * 48, plus the _PyInterpreterFrame up to localsplus, 72, plus the code's locals and stack)
 * and the GC header (16) getsizeof adds for a tracked object.
 */
export function frameSize(code: Code): number {
  return 136 + 8 * (code.names.length + stackSizeOf(code));
}
