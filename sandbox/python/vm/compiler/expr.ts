/**
 * Expression visitors (compile.c's compiler_visit_expr and its helpers), one small function
 * per construct. Each leaves exactly one value on the stack (targets in Store/Del context
 * consume one). Folded constants (ast_opt's work) are loaded as one LOAD_CONST.
 *
 * Recursion follows the expression tree, so its depth is the nesting depth of the source,
 * which the parser bounds.
 */
import type * as A from '../../ast.js';
import type { CodeConst } from '../code.js';
import { Op } from '../opcodes.js';
import { UnsupportedError } from '../../scope.js';
import { assemble } from './assemble.js';
import { type Codegen, type Ctx, mangle } from './codegen.js';
import type { Block } from './instr.js';
import { V } from './instr.js';
import { constKey } from './consts.js';

/** More values than this on the stack and displays/calls are built incrementally. */
export const STACK_USE_GUIDELINE = 30;

const BINOP: Record<A.Operator, number> = {
  Add: 0, BitAnd: 1, FloorDiv: 2, LShift: 3, MatMult: 4, Mult: 5, Mod: 6, BitOr: 7, Pow: 8, RShift: 9, Sub: 10, Div: 11, BitXor: 12,
};
/** NB_INPLACE_* = NB_* + 13. */
export function binopArg(op: A.Operator, inplace: boolean): number {
  return BINOP[op] + (inplace ? 13 : 0);
}

const UNARY: Record<A.UnaryOperator, number> = { Invert: Op.UNARY_INVERT, Not: Op.UNARY_NOT, UAdd: Op.UNARY_POSITIVE, USub: Op.UNARY_NEGATIVE };

/**
 * compiler_visit_expr: the expression's own location for its instructions, restored after
 * (a `not` folded into its comparison has the comparison's location, as ast_opt copies it).
 */
export function visitExpr(c: Codegen, e0: A.Expr): void {
  const e = invertedNot(e0) ?? e0;
  const u = c.u;
  const saved = u.saveLoc();
  u.setLoc(e);
  visitExpr1(c, e);
  c.u.restoreLoc(saved);
}

/**
 * ast_opt's fold_unaryop on `not`: `not a in b` is `a not in b` (likewise `is`), the
 * comparison taking the place (and position) of the `not`.
 */
export function invertedNot(e: A.Expr): A.Compare | null {
  if (e.type !== 'UnaryOp' || e.op !== 'Not' || e.operand.type !== 'Compare' || e.operand.ops.length !== 1) return null;
  const inv: Partial<Record<A.CmpOperator, A.CmpOperator>> = { Is: 'IsNot', IsNot: 'Is', In: 'NotIn', NotIn: 'In' };
  const op = inv[e.operand.ops[0]!];
  return op ? { ...e.operand, ops: [op] } : null;
}

function visitExpr1(c: Codegen, e: A.Expr): void {
  const k = c.constOf(e);
  if (k !== null) {
    c.u.loadConst(k);
    return;
  }
  switch (e.type) {
    case 'NamedExpr':
      visitExpr(c, e.value);
      c.u.op(Op.COPY, 1);
      visitExpr(c, e.target);
      return;
    case 'BoolOp': return visitBoolOp(c, e);
    case 'BinOp':
      if (e.op === 'Mod' && visitPercentFormat(c, e)) return;
      visitExpr(c, e.left);
      visitExpr(c, e.right);
      c.u.op(Op.BINARY_OP, binopArg(e.op, false));
      return;
    case 'UnaryOp':
      visitExpr(c, e.operand);
      c.u.op(UNARY[e.op]);
      return;
    case 'Lambda': return visitLambda(c, e);
    case 'IfExp': return visitIfExp(c, e);
    case 'Dict': return visitDict(c, e);
    case 'Set': return starunpack(c, foldedIterElts(e.elts), 0, Op.BUILD_SET, Op.SET_ADD, Op.SET_UPDATE, false);
    case 'GeneratorExp': return visitComprehension(c, e, 'genexp', e.elt, null);
    case 'ListComp': return visitComprehension(c, e, 'list', e.elt, null);
    case 'SetComp': return visitComprehension(c, e, 'set', e.elt, null);
    case 'DictComp': return visitComprehension(c, e, 'dict', e.key, e.value);
    case 'Yield':
      if (e.value) visitExpr(c, e.value);
      else c.u.loadNone();
      c.u.op(Op.YIELD_VALUE);
      c.u.op(Op.RESUME, 1);
      return;
    case 'YieldFrom':
      visitExpr(c, e.value);
      c.u.op(Op.GET_YIELD_FROM_ITER);
      c.u.loadNone();
      addYieldFrom(c, false);
      return;
    case 'Compare': return visitCompare(c, e);
    case 'Call': return visitCall(c, e);
    case 'JoinedStr': return visitJoinedStr(c, e);
    case 'FormattedValue': return visitFormattedValue(c, e);
    case 'Attribute': return visitAttribute(c, e);
    case 'Subscript':
      visitExpr(c, e.value);
      visitExpr(c, e.slice);
      c.u.op(e.ctx === 'Load' ? Op.BINARY_SUBSCR : e.ctx === 'Store' ? Op.STORE_SUBSCR : Op.DELETE_SUBSCR);
      return;
    case 'Starred':
      throw new UnsupportedError('a starred expression here', e.lineno);
    case 'Slice': return visitSlice(c, e);
    case 'Name': return c.nameop(e.id, e.ctx);
    case 'List':
      if (e.ctx === 'Store') return assignmentHelper(c, e.elts);
      if (e.ctx === 'Load') return starunpack(c, e.elts, 0, Op.BUILD_LIST, Op.LIST_APPEND, Op.LIST_EXTEND, false, e.elts.length > 2 ? c.foldedWhole(e) : null);
      for (const x of e.elts) visitExpr(c, x);
      return;
    case 'Tuple':
      if (e.ctx === 'Store') return assignmentHelper(c, e.elts);
      if (e.ctx === 'Load') return starunpack(c, e.elts, 0, Op.BUILD_LIST, Op.LIST_APPEND, Op.LIST_EXTEND, true);
      for (const x of e.elts) visitExpr(c, x);
      return;
    case 'Constant': return;
  }
}

/** The elements of a display, unchanged (a hook where ast_opt would have folded). */
function foldedIterElts(elts: A.Expr[]): A.Expr[] {
  return elts;
}

/** compiler_add_yield_from: the SEND / YIELD_VALUE loop. */
export function addYieldFrom(c: Codegen, isAwait: boolean): void {
  const u = c.u;
  const start = u.newBlock();
  const resume = u.newBlock();
  const exit = u.newBlock();
  u.useNextBlock(start);
  u.jump(Op.SEND, exit);
  u.useNextBlock(resume);
  u.op(Op.YIELD_VALUE);
  u.op(Op.RESUME, isAwait ? 3 : 2);
  u.jump(V.JUMP_NO_INTERRUPT, start);
  u.useNextBlock(exit);
}

function visitBoolOp(c: Codegen, e: A.BoolOp): void {
  const u = c.u;
  const jumpi = e.op === 'And' ? Op.JUMP_IF_FALSE_OR_POP : Op.JUMP_IF_TRUE_OR_POP;
  const end = u.newBlock();
  const n = e.values.length - 1;
  for (let i = 0; i < n; i++) {
    visitExpr(c, e.values[i]!);
    c.u.jump(jumpi, end);
    c.u.useNextBlock(c.u.newBlock());
  }
  visitExpr(c, e.values[n]!);
  c.u.useNextBlock(end);
}

function cmpOp(c: Codegen, op: A.CmpOperator): void {
  const u = c.u;
  switch (op) {
    case 'Eq': u.op(Op.COMPARE_OP, 2); return;
    case 'NotEq': u.op(Op.COMPARE_OP, 3); return;
    case 'Lt': u.op(Op.COMPARE_OP, 0); return;
    case 'LtE': u.op(Op.COMPARE_OP, 1); return;
    case 'Gt': u.op(Op.COMPARE_OP, 4); return;
    case 'GtE': u.op(Op.COMPARE_OP, 5); return;
    case 'Is': u.op(Op.IS_OP, 0); return;
    case 'IsNot': u.op(Op.IS_OP, 1); return;
    case 'In': u.op(Op.CONTAINS_OP, 0); return;
    case 'NotIn': u.op(Op.CONTAINS_OP, 1); return;
  }
}

/** A comparator: the last one, after `in` / `not in`, is an iterable (fold_compare's fold_iter). */
function comparator(c: Codegen, op: A.CmpOperator, e: A.Expr, last: boolean): void {
  if (last && (op === 'In' || op === 'NotIn')) visitIter(c, e);
  else visitExpr(c, e);
}

/**
 * A frozenset constant of these items, as PyFrozenSet_New makes it from the tuple the
 * compiler built: equal items once, the first one kept — and equal numbers are equal
 * across types (1, 1.0, True and 1+0j are one item; so are 0, 0.0, -0.0 and False).
 */
export function frozensetOf(items: readonly CodeConst[]): CodeConst {
  const seen = new Map<string, CodeConst>();
  for (const k of items) {
    const key = setKey(k);
    if (!seen.has(key)) seen.set(key, k);
  }
  return { kind: 'frozenset', items: [...seen.values()] };
}

/** The key under which a constant meets the items it equals in a set. */
function setKey(k: CodeConst): string {
  switch (k.kind) {
    case 'bool': return `n:${k.value ? 1 : 0}`;
    case 'int': return `n:${k.value}`;
    case 'float': return Number.isInteger(k.value) ? `n:${BigInt(k.value)}` : constKey(k);
    case 'complex':
      return k.imag === 0 ? setKey({ kind: 'float', value: k.real }) : constKey(k);
    default: return constKey(k);
  }
}

/**
 * ast_opt's fold_iter: a list iterated over (or tested with `in`) is a tuple — a constant
 * one when its items are constants — and a set of constants a constant frozenset.
 */
export function visitIter(c: Codegen, e: A.Expr): void {
  if ((e.type === 'List' || e.type === 'Set') && !e.elts.some((x) => x.type === 'Starred')) {
    const whole = e.type === 'List' && e.elts.length > 2 ? c.foldedWhole(e) : null;
    const items = whole?.kind === 'tuple' ? whole.items : e.elts.map((x) => c.constOf(x));
    if (items.every((k) => k !== null)) {
      const saved = c.u.saveLoc();
      c.u.setLoc(e);
      const ks = items as CodeConst[];
      c.u.loadConst(e.type === 'List' ? { kind: 'tuple', items: ks } : frozensetOf(ks));
      c.u.restoreLoc(saved);
      return;
    }
    if (e.type === 'List') {
      const saved = c.u.saveLoc();
      c.u.setLoc(e);
      starunpack(c, e.elts, 0, Op.BUILD_LIST, Op.LIST_APPEND, Op.LIST_EXTEND, true);
      c.u.restoreLoc(saved);
      return;
    }
  }
  visitExpr(c, e);
}

/** Whether fold_iter makes `e` a tuple display (a list without starred items). */
export function isIterTuple(e: A.Expr): e is A.List | A.Tuple {
  return (e.type === 'List' && !e.elts.some((x) => x.type === 'Starred')) || e.type === 'Tuple';
}

function visitCompare(c: Codegen, e: A.Compare): void {
  visitExpr(c, e.left);
  const n = e.ops.length - 1;
  if (n === 0) {
    comparator(c, e.ops[0]!, e.comparators[0]!, true);
    cmpOp(c, e.ops[0]!);
    return;
  }
  const cleanup = c.u.newBlock();
  for (let i = 0; i < n; i++) {
    comparator(c, e.ops[i]!, e.comparators[i]!, false);
    c.u.op(Op.SWAP, 2);
    c.u.op(Op.COPY, 2);
    cmpOp(c, e.ops[i]!);
    c.u.jump(Op.JUMP_IF_FALSE_OR_POP, cleanup);
  }
  comparator(c, e.ops[n]!, e.comparators[n]!, true);
  cmpOp(c, e.ops[n]!);
  const end = c.u.newBlock();
  c.u.jumpNoLine(V.JUMP, end);
  c.u.useNextBlock(cleanup);
  c.u.op(Op.SWAP, 2);
  c.u.op(Op.POP_TOP);
  c.u.useNextBlock(end);
}

/** compiler_jump_if: jump to `next` when `e` is `cond`, else fall through. */
export function jumpIf(c: Codegen, e0: A.Expr, next: Block, cond: boolean): void {
  const e = invertedNot(e0) ?? e0;
  if (c.constOf(e) === null) {
    switch (e.type) {
      case 'UnaryOp':
        if (e.op === 'Not') return jumpIf(c, e.operand, next, !cond);
        break;
      case 'BoolOp': {
        const n = e.values.length - 1;
        const cond2 = e.op === 'Or';
        let next2 = next;
        if (cond2 !== cond) next2 = c.u.newBlock();
        for (let i = 0; i < n; i++) jumpIf(c, e.values[i]!, next2, cond2);
        jumpIf(c, e.values[n]!, next, cond);
        if (next2 !== next) c.u.useNextBlock(next2);
        return;
      }
      case 'IfExp': {
        const end = c.u.newBlock();
        const next2 = c.u.newBlock();
        jumpIf(c, e.test, next2, false);
        jumpIf(c, e.body, next, cond);
        c.u.jumpNoLine(V.JUMP, end);
        c.u.useNextBlock(next2);
        jumpIf(c, e.orelse, next, cond);
        c.u.useNextBlock(end);
        return;
      }
      case 'Compare': {
        c.u.setLoc(e);
        const n = e.ops.length - 1;
        if (n > 0) {
          const cleanup = c.u.newBlock();
          visitExpr(c, e.left);
          for (let i = 0; i < n; i++) {
            comparator(c, e.ops[i]!, e.comparators[i]!, false);
            c.u.op(Op.SWAP, 2);
            c.u.op(Op.COPY, 2);
            cmpOp(c, e.ops[i]!);
            c.u.jump(V.POP_JUMP_IF_FALSE, cleanup);
          }
          comparator(c, e.ops[n]!, e.comparators[n]!, true);
          cmpOp(c, e.ops[n]!);
          c.u.jump(cond ? V.POP_JUMP_IF_TRUE : V.POP_JUMP_IF_FALSE, next);
          const end = c.u.newBlock();
          c.u.jumpNoLine(V.JUMP, end);
          c.u.useNextBlock(cleanup);
          c.u.op(Op.POP_TOP);
          if (!cond) c.u.jumpNoLine(V.JUMP, next);
          c.u.useNextBlock(end);
          return;
        }
        break;
      }
      default:
    }
  }
  visitExpr(c, e);
  c.u.jump(cond ? V.POP_JUMP_IF_TRUE : V.POP_JUMP_IF_FALSE, next);
}

function visitIfExp(c: Codegen, e: A.IfExp): void {
  const end = c.u.newBlock();
  const next = c.u.newBlock();
  jumpIf(c, e.test, next, false);
  visitExpr(c, e.body);
  c.u.jumpNoLine(V.JUMP, end);
  c.u.useNextBlock(next);
  visitExpr(c, e.orelse);
  c.u.useNextBlock(end);
}

/** starunpack_helper: build a list/tuple/set from elements, some maybe starred. */
export function starunpack(
  c: Codegen, elts: A.Expr[], pushed: number, build: number, add: number, extend: number, tuple: boolean, whole: CodeConst | null = null,
): void {
  const u = c.u;
  const n = elts.length;
  if (n > 2) {
    const consts = whole?.kind === 'tuple' ? whole.items : elts.map((x) => (x.type === 'Starred' ? null : c.constOf(x)));
    if (consts.every((k) => k !== null)) {
      const folded = { kind: 'tuple' as const, items: consts as CodeConst[] };
      if (tuple && !pushed) {
        u.loadConst(folded);
      } else {
        u.op(build, pushed);
        u.loadConst(add === Op.SET_ADD ? frozensetOf(folded.items) : folded);
        u.op(extend, 1);
        if (tuple) u.op(Op.LIST_TO_TUPLE);
      }
      return;
    }
  }
  const big = n + pushed > STACK_USE_GUIDELINE;
  const seenStar = elts.some((x) => x.type === 'Starred');
  if (!seenStar && !big) {
    for (const x of elts) visitExpr(c, x);
    c.u.op(tuple ? Op.BUILD_TUPLE : build, n + pushed);
    return;
  }
  let built = false;
  if (big) {
    c.u.op(build, pushed);
    built = true;
  }
  elts.forEach((x, i) => {
    if (x.type === 'Starred') {
      if (!built) {
        c.u.op(build, i + pushed);
        built = true;
      }
      visitExpr(c, x.value);
      c.u.op(extend, 1);
    } else {
      visitExpr(c, x);
      if (built) c.u.op(add, 1);
    }
  });
  if (tuple) c.u.op(Op.LIST_TO_TUPLE);
}

/** unpack_helper + assignment_helper: unpack into targets. */
function assignmentHelper(c: Codegen, elts: A.Expr[]): void {
  const n = elts.length;
  const star = elts.findIndex((x) => x.type === 'Starred');
  if (star >= 0) {
    if (elts.slice(star + 1).some((x) => x.type === 'Starred')) throw new Error('compiler: multiple starred expressions in assignment (the parser rejects it)');
    if (star >= 256) throw new UnsupportedError('too many expressions in star-unpacking assignment', c.u.line);
    c.u.op(Op.UNPACK_EX, star + ((n - star - 1) << 8));
  } else c.u.op(Op.UNPACK_SEQUENCE, n);
  for (const x of elts) visitExpr(c, x.type === 'Starred' ? x.value : x);
}

function visitDict(c: Codegen, e: A.Dict): void {
  const n = e.values.length;
  let haveDict = false;
  let elements = 0;
  for (let i = 0; i < n; i++) {
    if (e.keys[i] === null) {
      if (elements) {
        subdict(c, e, i - elements, i);
        if (haveDict) c.u.op(Op.DICT_UPDATE, 1);
        haveDict = true;
        elements = 0;
      }
      if (!haveDict) {
        c.u.op(Op.BUILD_MAP, 0);
        haveDict = true;
      }
      visitExpr(c, e.values[i]!);
      c.u.op(Op.DICT_UPDATE, 1);
    } else if (elements * 2 > STACK_USE_GUIDELINE) {
      subdict(c, e, i - elements, i + 1);
      if (haveDict) c.u.op(Op.DICT_UPDATE, 1);
      haveDict = true;
      elements = 0;
    } else elements++;
  }
  if (elements) {
    subdict(c, e, n - elements, n);
    if (haveDict) c.u.op(Op.DICT_UPDATE, 1);
    haveDict = true;
  }
  if (!haveDict) c.u.op(Op.BUILD_MAP, 0);
}

function subdict(c: Codegen, e: A.Dict, begin: number, end: number): void {
  const n = end - begin;
  const big = n * 2 > STACK_USE_GUIDELINE;
  if (n > 1 && !big) {
    const keys = e.keys.slice(begin, end).map((k) => (k ? c.constOf(k) : null));
    if (keys.every((k) => k !== null)) {
      for (let i = begin; i < end; i++) visitExpr(c, e.values[i]!);
      c.u.loadConst({ kind: 'tuple', items: keys as CodeConst[] });
      c.u.op(Op.BUILD_CONST_KEY_MAP, n);
      return;
    }
  }
  if (big) c.u.op(Op.BUILD_MAP, 0);
  for (let i = begin; i < end; i++) {
    visitExpr(c, e.keys[i]!);
    visitExpr(c, e.values[i]!);
    if (big) c.u.op(Op.MAP_ADD, 1);
  }
  if (!big) c.u.op(Op.BUILD_MAP, n);
}

function visitAttribute(c: Codegen, e: A.Attribute): void {
  visitExpr(c, e.value);
  c.u.matchAttr(e);
  const op = e.ctx === 'Load' ? Op.LOAD_ATTR : e.ctx === 'Store' ? Op.STORE_ATTR : Op.DELETE_ATTR;
  c.u.op(op, c.nameArg(e.attr));
}

function visitSlice(c: Codegen, s: A.Slice): void {
  let n = 2;
  if (s.lower) visitExpr(c, s.lower);
  else c.u.loadNone();
  if (s.upper) visitExpr(c, s.upper);
  else c.u.loadNone();
  if (s.step) {
    n++;
    visitExpr(c, s.step);
  }
  c.u.op(Op.BUILD_SLICE, n);
}

function kwNames(c: Codegen, kws: A.Keyword[]): void {
  c.u.op(Op.KW_NAMES, c.u.constIndexOf({ kind: 'tuple', items: kws.map((k) => ({ kind: 'str', value: k.arg! }) as CodeConst) }));
}

function visitKeyword(c: Codegen, k: A.Keyword): void {
  visitExpr(c, k.value);
}

/** maybe_optimize_method_call: `o.m(args)` as LOAD_METHOD + CALL. */
function maybeMethodCall(c: Codegen, e: A.Call): boolean {
  const meth = e.func;
  if (meth.type !== 'Attribute' || meth.ctx !== 'Load') return false;
  if (meth.value.type === 'Name' && c.importedAtTop.has(meth.value.id)) return false;
  const argsl = e.args.length;
  const kwdsl = e.keywords.length;
  if (argsl + kwdsl + (kwdsl !== 0 ? 1 : 0) >= STACK_USE_GUIDELINE) return false;
  if (e.args.some((a) => a.type === 'Starred')) return false;
  if (e.keywords.some((k) => k.arg === null)) return false;
  visitExpr(c, meth.value);
  c.u.setLoc(meth);
  c.u.matchAttr(meth);
  c.u.op(Op.LOAD_METHOD, c.nameArg(meth.attr));
  for (const a of e.args) visitExpr(c, a);
  if (kwdsl) {
    for (const k of e.keywords) visitKeyword(c, k);
    kwNames(c, e.keywords);
  }
  c.u.setLoc(e);
  c.u.matchAttr(meth);
  c.u.op(Op.PRECALL, argsl + kwdsl);
  c.u.op(Op.CALL, argsl + kwdsl);
  return true;
}

function visitCall(c: Codegen, e: A.Call): void {
  if (maybeMethodCall(c, e)) return;
  c.u.setLoc(e.func);
  c.u.op(Op.PUSH_NULL);
  c.u.setLoc(e);
  visitExpr(c, e.func);
  callHelper(c, 0, e.args, e.keywords);
}

/** compiler_call_helper: the arguments and the call, `n` values already pushed. */
export function callHelper(c: Codegen, n: number, args: A.Expr[], keywords: A.Keyword[]): void {
  const nelts = args.length;
  const nkw = keywords.length;
  const simple = nelts + nkw * 2 <= STACK_USE_GUIDELINE && !args.some((a) => a.type === 'Starred') && !keywords.some((k) => k.arg === null);
  if (simple) {
    for (const a of args) visitExpr(c, a);
    if (nkw) {
      for (const k of keywords) visitKeyword(c, k);
      kwNames(c, keywords);
    }
    c.u.op(Op.PRECALL, n + nelts + nkw);
    c.u.op(Op.CALL, n + nelts + nkw);
    return;
  }
  if (n === 0 && nelts === 1 && args[0]!.type === 'Starred') visitExpr(c, (args[0] as A.Starred).value);
  else starunpack(c, args, n, Op.BUILD_LIST, Op.LIST_APPEND, Op.LIST_EXTEND, true);
  if (nkw) {
    let haveDict = false;
    let nseen = 0;
    keywords.forEach((kw, i) => {
      if (kw.arg === null) {
        if (nseen) {
          subkwargs(c, keywords, i - nseen, i);
          if (haveDict) c.u.op(Op.DICT_MERGE, 1);
          haveDict = true;
          nseen = 0;
        }
        if (!haveDict) {
          c.u.op(Op.BUILD_MAP, 0);
          haveDict = true;
        }
        visitExpr(c, kw.value);
        c.u.op(Op.DICT_MERGE, 1);
      } else nseen++;
    });
    if (nseen) {
      subkwargs(c, keywords, nkw - nseen, nkw);
      if (haveDict) c.u.op(Op.DICT_MERGE, 1);
    }
  }
  c.u.op(Op.CALL_FUNCTION_EX, nkw > 0 ? 1 : 0);
}

function subkwargs(c: Codegen, kws: A.Keyword[], begin: number, end: number): void {
  const n = end - begin;
  const big = n * 2 > STACK_USE_GUIDELINE;
  if (n > 1 && !big) {
    for (let i = begin; i < end; i++) visitExpr(c, kws[i]!.value);
    c.u.loadConst({ kind: 'tuple', items: kws.slice(begin, end).map((k) => ({ kind: 'str', value: k.arg! }) as CodeConst) });
    c.u.op(Op.BUILD_CONST_KEY_MAP, n);
    return;
  }
  if (big) c.u.opNoLine(Op.BUILD_MAP, 0);
  for (let i = begin; i < end; i++) {
    c.u.loadConst({ kind: 'str', value: kws[i]!.arg! });
    visitExpr(c, kws[i]!.value);
    if (big) c.u.opNoLine(Op.MAP_ADD, 1);
  }
  if (!big) c.u.op(Op.BUILD_MAP, n);
}

function visitJoinedStr(c: Codegen, e: A.JoinedStr): void {
  const n = e.values.length;
  if (n > STACK_USE_GUIDELINE) {
    c.u.loadConst({ kind: 'str', value: '' });
    c.u.op(Op.LOAD_METHOD, c.u.nameIndexOf('join'));
    c.u.op(Op.BUILD_LIST, 0);
    for (const v of e.values) {
      visitExpr(c, v);
      c.u.op(Op.LIST_APPEND, 1);
    }
    c.u.op(Op.PRECALL, 1);
    c.u.op(Op.CALL, 1);
    return;
  }
  for (const v of e.values) visitExpr(c, v);
  if (n !== 1) c.u.op(Op.BUILD_STRING, n);
}

/** A part of an optimized %-format: a literal, or a value with conversion and spec. */
type FormatPart = { lit: string } | { value: A.Expr; conv: number; spec: string | null };

/** ast_opt's simple_format_arg_parse + parse_format: one `%...` unit, or null. */
function parseFormatUnit(fmt: string, pos: { i: number }, arg: A.Expr): FormatPart | null {
  const MAXDIGITS = 3;
  let i = pos.i;
  let ch = '';
  const next = (): boolean => {
    if (i >= fmt.length) return false;
    ch = fmt[i++]!;
    return true;
  };
  let ljust = false;
  let width = -1;
  let prec = -1;
  for (;;) {
    if (!next()) return null;
    if (ch === '-') ljust = true;
    else if (ch === '+' || ch === ' ' || ch === '#' || ch === '0' || ch === 'z') continue;
    else break;
  }
  if (ch >= '0' && ch <= '9') {
    width = 0;
    let digits = 0;
    while (ch >= '0' && ch <= '9') {
      width = width * 10 + (ch.charCodeAt(0) - 48);
      if (!next()) return null;
      if (++digits >= MAXDIGITS) return null;
    }
  }
  if (ch === '.') {
    if (!next()) return null;
    prec = 0;
    if (ch >= '0' && ch <= '9') {
      let digits = 0;
      while (ch >= '0' && ch <= '9') {
        prec = prec * 10 + (ch.charCodeAt(0) - 48);
        if (!next()) return null;
        if (++digits >= MAXDIGITS) return null;
      }
    }
  }
  pos.i = i;
  if (ch !== 's' && ch !== 'r' && ch !== 'a') return null;
  let spec = '';
  if (!ljust && width > 0) spec += '>';
  if (width >= 0) spec += String(width);
  if (prec >= 0) spec += `.${prec}`;
  return { value: arg, conv: ch.charCodeAt(0), spec: spec === '' ? null : spec };
}

/**
 * ast_opt's optimize_format: `'literal %s' % (a, b)` with only %s/%r/%a units becomes an
 * f-string. Returns whether it compiled `e` that way.
 */
function visitPercentFormat(c: Codegen, e: A.BinOp): boolean {
  const fmt = c.constOf(e.left);
  const rhs = e.right;
  if (!fmt || fmt.kind !== 'str' || rhs.type !== 'Tuple' || rhs.ctx !== 'Load' || rhs.elts.some((x) => x.type === 'Starred')) return false;
  if (c.constOf(rhs) !== null) return false;
  const text = fmt.value;
  const parts: FormatPart[] = [];
  const pos = { i: 0 };
  let cnt = 0;
  for (;;) {
    const start = pos.i;
    let hasPercents = false;
    while (pos.i < text.length) {
      if (text[pos.i] !== '%') pos.i++;
      else if (pos.i + 1 < text.length && text[pos.i + 1] === '%') {
        hasPercents = true;
        pos.i += 2;
      } else break;
    }
    if (pos.i !== start) {
      const lit = text.slice(start, pos.i);
      parts.push({ lit: hasPercents ? lit.replaceAll('%%', '%') : lit });
    }
    if (pos.i >= text.length) break;
    if (cnt >= rhs.elts.length) return false;
    pos.i++;
    const unit = parseFormatUnit(text, pos, rhs.elts[cnt]!);
    cnt++;
    if (!unit) return false;
    parts.push(unit);
  }
  if (cnt < rhs.elts.length) return false;
  const one = (p: FormatPart): void => {
    // ast_opt's new nodes: literals have no position, a FormattedValue its value's.
    const saved = c.u.saveLoc();
    if ('lit' in p) {
      c.u.unsetLoc();
      c.u.loadConst({ kind: 'str', value: p.lit });
      c.u.restoreLoc(saved);
      return;
    }
    c.u.setLoc(p.value);
    visitExpr(c, p.value);
    let arg = p.conv === 115 ? 1 : p.conv === 114 ? 2 : 3;
    if (p.spec !== null) {
      c.u.unsetLoc();
      c.u.loadConst({ kind: 'str', value: p.spec });
      c.u.setLoc(p.value);
      arg |= 4;
    }
    c.u.op(Op.FORMAT_VALUE, arg);
    c.u.restoreLoc(saved);
  };
  if (parts.length > STACK_USE_GUIDELINE) {
    c.u.loadConst({ kind: 'str', value: '' });
    c.u.op(Op.LOAD_METHOD, c.u.nameIndexOf('join'));
    c.u.op(Op.BUILD_LIST, 0);
    for (const p of parts) {
      one(p);
      c.u.op(Op.LIST_APPEND, 1);
    }
    c.u.op(Op.PRECALL, 1);
    c.u.op(Op.CALL, 1);
  } else {
    for (const p of parts) one(p);
    if (parts.length !== 1) c.u.op(Op.BUILD_STRING, parts.length);
  }
  return true;
}

function visitFormattedValue(c: Codegen, e: A.FormattedValue): void {
  visitExpr(c, e.value);
  let arg = e.conversion === 115 ? 1 : e.conversion === 114 ? 2 : e.conversion === 97 ? 3 : 0;
  if (e.format_spec) {
    visitExpr(c, e.format_spec);
    arg |= 4;
  }
  c.u.op(Op.FORMAT_VALUE, arg);
}

/** The parameter names in co_varnames order, and the CO_VARARGS/VARKEYWORDS flags. */
export function parameters(a: A.Arguments): { names: string[]; flags: number } {
  const names = [...a.posonlyargs, ...a.args, ...a.kwonlyargs].map((x) => x.arg);
  let flags = 0;
  if (a.vararg) {
    names.push(a.vararg.arg);
    flags |= 0x04;
  }
  if (a.kwarg) {
    names.push(a.kwarg.arg);
    flags |= 0x08;
  }
  return { names, flags };
}

/** compiler_default_arguments: push defaults (tuple) and keyword-only defaults (dict). */
export function defaultArguments(c: Codegen, a: A.Arguments): number {
  let flags = 0;
  if (a.defaults.length > 0) {
    const whole = c.foldedWhole(a);
    if (whole?.kind === 'tuple') {
      // Each default is its own LOAD_CONST until the optimizer folds the tuple.
      const saved = c.u.saveLoc();
      a.defaults.forEach((d, i) => {
        c.u.setLoc(d);
        c.u.loadConst(whole.items[i]!);
      });
      c.u.restoreLoc(saved);
    } else for (const d of a.defaults) visitExpr(c, d);
    c.u.op(Op.BUILD_TUPLE, a.defaults.length);
    flags |= 0x01;
  }
  const keys: CodeConst[] = [];
  a.kwonlyargs.forEach((arg, i) => {
    const d = a.kw_defaults[i];
    if (d) {
      keys.push({ kind: 'str', value: mangle(c.u.privateName, arg.arg) });
      visitExpr(c, d);
    }
  });
  if (keys.length) {
    c.u.loadConst({ kind: 'tuple', items: keys });
    c.u.op(Op.BUILD_CONST_KEY_MAP, keys.length);
    flags |= 0x02;
  }
  return flags;
}

/** compiler_visit_annotations: push (name, value) pairs as a tuple; whether any. */
export function annotations(c: Codegen, a: A.Arguments, returns: A.Expr | null): boolean {
  let len = 0;
  const one = (name: string, ann: A.Expr | null): void => {
    if (!ann) return;
    c.u.loadConst({ kind: 'str', value: mangle(c.u.privateName, name) });
    if (ann.type === 'Starred') throw new UnsupportedError('a starred annotation', ann.lineno);
    visitExpr(c, ann);
    len += 2;
  };
  for (const x of a.args) one(x.arg, x.annotation);
  for (const x of a.posonlyargs) one(x.arg, x.annotation);
  if (a.vararg) one(a.vararg.arg, a.vararg.annotation);
  for (const x of a.kwonlyargs) one(x.arg, x.annotation);
  if (a.kwarg) one(a.kwarg.arg, a.kwarg.annotation);
  one('return', returns);
  if (len) c.u.op(Op.BUILD_TUPLE, len);
  return len > 0;
}

function visitLambda(c: Codegen, e: A.Lambda): void {
  const flags = defaultArguments(c, e.args);
  const { names, flags: coFlags } = parameters(e.args);
  const sym = c.child(e);
  const u = c.enterScope('lambda', '<lambda>', sym, e.lineno, names);
  u.flags |= coFlags;
  u.constIndexOf({ kind: 'None' });
  u.argcount = e.args.args.length;
  u.posonlyargcount = e.args.posonlyargs.length;
  u.kwonlyargcount = e.args.kwonlyargs.length;
  visitExpr(c, e.body);
  let co;
  if (sym.isGenerator) co = assemble(u, false, c.filename);
  else {
    u.op(Op.RETURN_VALUE);
    co = assemble(u, true, c.filename);
  }
  c.exitScope();
  c.makeClosure(co, flags);
}

type CompKind = 'genexp' | 'list' | 'set' | 'dict';

function visitComprehension(c: Codegen, e: A.GeneratorExp | A.ListComp | A.SetComp | A.DictComp, kind: CompKind, elt: A.Expr, val: A.Expr | null): void {
  const name = kind === 'genexp' ? '<genexpr>' : kind === 'list' ? '<listcomp>' : kind === 'set' ? '<setcomp>' : '<dictcomp>';
  const gens = e.generators;
  if (gens.some((g) => g.is_async)) throw new UnsupportedError('asynchronous comprehensions', e.lineno);
  const sym = c.child(e);
  const u = c.enterScope('comprehension', name, sym, e.lineno, ['.0']);
  u.setLoc(e);
  if (kind !== 'genexp') u.op(kind === 'list' ? Op.BUILD_LIST : kind === 'set' ? Op.BUILD_SET : Op.BUILD_MAP, 0);
  comprehensionGenerator(c, gens, 0, 0, elt, val, kind);
  if (kind !== 'genexp') c.u.op(Op.RETURN_VALUE);
  const co = assemble(u, true, c.filename);
  c.exitScope();
  c.makeClosure(co, 0);
  visitIter(c, gens[0]!.iter);
  c.u.op(Op.GET_ITER);
  c.u.op(Op.PRECALL, 0);
  c.u.op(Op.CALL, 0);
}

/**
 * compiler_sync_comprehension_generator: one `for` clause (and its `if`s), then the next
 * clause or the element. Recursion is one level per `for` clause of the comprehension.
 */
function comprehensionGenerator(c: Codegen, gens: A.Comprehension[], index: number, depth: number, elt: A.Expr, val: A.Expr | null, kind: CompKind): void {
  let start: Block | null = c.u.newBlock();
  const ifCleanup = c.u.newBlock();
  const anchor = c.u.newBlock();
  const gen = gens[index]!;
  if (index === 0) {
    c.u.argcount = 1;
    c.u.op(Op.LOAD_FAST, 0);
  } else {
    const it = gen.iter;
    if (isIterTuple(it) && it.elts.length === 1 && it.elts[0]!.type !== 'Starred' && c.constOf(it.elts[0]!) === null) {
      visitExpr(c, it.elts[0]!);
      start = null;
    }
    if (start) {
      visitIter(c, it);
      c.u.op(Op.GET_ITER);
    }
  }
  if (start) {
    depth++;
    c.u.useNextBlock(start);
    c.u.jump(Op.FOR_ITER, anchor);
  }
  visitExpr(c, gen.target);
  for (const cond of gen.ifs) jumpIf(c, cond, ifCleanup, false);
  if (++index < gens.length) comprehensionGenerator(c, gens, index, depth, elt, val, kind);
  if (index >= gens.length) {
    switch (kind) {
      case 'genexp':
        visitExpr(c, elt);
        c.u.op(Op.YIELD_VALUE);
        c.u.op(Op.RESUME, 1);
        c.u.op(Op.POP_TOP);
        break;
      case 'list':
        visitExpr(c, elt);
        c.u.op(Op.LIST_APPEND, depth + 1);
        break;
      case 'set':
        visitExpr(c, elt);
        c.u.op(Op.SET_ADD, depth + 1);
        break;
      case 'dict':
        visitExpr(c, elt);
        visitExpr(c, val!);
        c.u.op(Op.MAP_ADD, depth + 1);
        break;
    }
  }
  c.u.useNextBlock(ifCleanup);
  if (start) {
    c.u.jump(V.JUMP, start);
    c.u.useNextBlock(anchor);
  }
}

export type { Ctx };
