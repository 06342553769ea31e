/**
 * Code constants: co_consts as CPython 3.11's compiler builds them.
 *
 * When a program is compiled, every code object in it (the module, each function body,
 * lambda, class body and comprehension) gets its constants, and they exist from then on —
 * before the first statement runs. Three rules decide which objects they are:
 *
 * - Folding (Python/ast_opt.c): a sign, `not` or `~` on a constant, arithmetic of two
 *   constants, a constant indexed by a constant and a tuple of constants become one constant — within CPython's size limits
 *   (an int result of at most 128 bits, a str or bytes of at most 4096 items, a tuple of at
 *   most 256), and never when the operation raises. The operands of a folded expression are
 *   not constants themselves.
 * - Merging (the compiler's c_const_cache): equal constants of one compilation are one
 *   object, across all its code objects — keyed by type and value, so 1, 1.0 and True are
 *   three constants and 0.0 and -0.0 two. A tuple's items are merged too.
 * - Interning: a str of name characters only is interned (one object per sandbox, freed when
 *   nothing holds it); '' and one-character latin-1 strs, the small ints, None, True, False
 *   and Ellipsis are the shared objects every sandbox has.
 *
 * Each code object holds one reference to each of its distinct constants, as co_consts does;
 * besides the literals, a code object holds None when CPython's does (the module's implicit
 * `return None`, a function without a docstring, a lambda, a generator expression, a class
 * body, `import`, `with`, a bare `return`, a slice with an omitted bound), the level 0 of an
 * `import`, and the keyword-name tuple of a call with keywords.
 *
 * The code objects of one run live as long as the sandbox (under the oracle, the program's
 * module code lives for the whole run, and it holds every nested code object).
 */
import { PyComplex } from '../complex.js';
import type * as A from './ast.js';
import type { Code } from './scope.js';
import {
  EMPTY_BYTES, EMPTY_TUPLE, Ellipsis, False, None, PyBool, PyBytes, PyFloat, PyInt, PyObject, PyStr, PyTuple, True,
  literalSharedStr,
} from '../objects.js';
import type { Heap } from '../heap.js';

/** What the constant compiler needs from the interpreter: making objects and operations. */
export interface ConstantHost {
  readonly heap: Heap;
  /** A new reference to an int (shared when small). */
  int(v: number | bigint): PyObject;
  /** A new reference to an interned str (mortal: freed when nothing holds it). */
  internConst(s: string): PyStr;
  /** Evaluate a binary operation on constants (a new reference), or throw. */
  binop(op: A.Operator, a: PyObject, b: PyObject, inplace: boolean): PyObject;
  /** `o[k]` on constants (a new reference), or throw. */
  getItem(o: PyObject, k: PyObject): PyObject;
  /** Evaluate a unary operation on a constant (a new reference), or throw. */
  unary(op: A.UnaryOperator, v: PyObject): PyObject;
  /** Release whatever a failed fold raised (a Python exception), or rethrow anything else. */
  discardFoldError(e: unknown): void;
  /** Intern a name the code uses (co_names / co_varnames hold it from compile time). */
  internName(name: string): void;
}

/** ast_opt.c's limits on what folding may build. */
const MAX_INT_SIZE = 128;
const MAX_COLLECTION_SIZE = 256;
const MAX_STR_SIZE = 4096;
const MAX_TOTAL_ITEMS = 1024;
/** Folding stops this deep (a bound on recursion, far past what lessons nest). */
const MAX_FOLD_DEPTH = 100;

/** A node the constant pass has resolved: `_c` is the constant it compiles to (borrowed). */
export type ConstNode = { _c?: PyObject };

/** The identifier-like strs CPython interns at compile time (all_name_chars). */
const NAME_CHARS = /^[A-Za-z0-9_]+$/;

/**
 * One compilation's constants. `compile` walks a module, resolves every constant and folded
 * expression to its object (cached on the node as `_c`), and gives each code object its
 * references. Iterative over statements and scopes; folding recurses only to a fixed depth.
 */
export class ConstantCompiler {
  /** c_const_cache: one object per (type, value) in this compilation (a reference each). */
  private readonly cache = new Map<string, PyObject>();
  /** Each code object's constants (the references co_consts holds). */
  readonly units = new Map<Code, Set<PyObject>>();
  /** Comparisons to check for `is` with a literal once every constant is resolved. */

  constructor(private readonly host: ConstantHost) {}

  /** Resolve the constants of the module and every code object nested in it. */
  compile(mod: A.Module, code: Code): void {
    this.hold(code, None);
    const stack: [unknown, Code][] = [[mod.body, code]];
    while (stack.length > 0) {
      const [n, unit] = stack.pop()!;
      if (Array.isArray(n)) {
        for (let i = n.length - 1; i >= 0; i--) stack.push([n[i], unit]);
        continue;
      }
      if (typeof n !== 'object' || n === null || typeof (n as { type?: unknown }).type !== 'string') continue;
      const node = n as A.Node;
      const child = unit.children.get(node);
      if (child) {
        this.scope(node, unit, child, stack);
        continue;
      }
      if (this.resolve(node as A.Expr, unit)) continue;
      this.implicit(node, unit);
      this.names(node);
      this.pushFields(node, unit, stack);
    }
    this.releaseCache();
  }

  /** The names a node makes the code hold (co_names, co_varnames): interned at compile time. */
  private names(node: A.Node): void {
    switch (node.type) {
      case 'Name': this.host.internName((node as A.Name).id); return;
      case 'Attribute': this.host.internName((node as A.Attribute).attr); return;
      case 'FunctionDef': case 'ClassDef': this.host.internName((node as A.FunctionDef).name); return;
      case 'arg': this.host.internName((node as unknown as { arg: string }).arg); return;
      case 'keyword': {
        const k = (node as A.Keyword).arg;
        if (k !== null) this.host.internName(k);
        return;
      }
      case 'alias': {
        const a = node as A.Alias;
        this.host.internName((a.asname ?? a.name).split('.')[0]!);
        return;
      }
      default:
    }
  }

  /** Every object some code object of this compilation holds. */
  *held(): IterableIterator<PyObject> {
    for (const s of this.units.values()) yield* s;
  }

  /** A scope node: what belongs to the enclosing code object, and what to the new one. */
  private scope(node: A.Node, unit: Code, child: Code, stack: [unknown, Code][]): void {
    this.names(node);
    switch (node.type) {
      case 'FunctionDef': {
        const f = node as A.FunctionDef;
        stack.push([f.decorator_list, unit], [f.returns, unit], [f.body, child]);
        this.defaults(f.args, unit, stack);
        if (!hasDocstring(f.body) || mayFallOffEnd(f.body)) this.hold(child, None);
        return;
      }
      case 'Lambda': {
        const l = node as A.Lambda;
        this.hold(child, None);
        stack.push([l.body, child]);
        this.defaults(l.args, unit, stack);
        return;
      }
      case 'ClassDef': {
        const c = node as A.ClassDef;
        this.holdOwned(unit, this.host.internConst(c.name));
        this.holdOwned(child, this.host.internConst(child.qualname));
        this.hold(child, None);
        stack.push([c.decorator_list, unit], [c.bases, unit], [c.keywords, unit], [c.body, child]);
        return;
      }
      case 'ListComp': case 'SetComp': case 'DictComp': case 'GeneratorExp': {
        const c = node as A.ListComp | A.SetComp | A.DictComp | A.GeneratorExp;
        if (node.type === 'GeneratorExp') this.hold(child, None);
        const [first, ...rest] = c.generators;
        if (first) stack.push([first.iter, unit], [first.target, child], [first.ifs, child]);
        stack.push([rest, child]);
        if (c.type === 'DictComp') stack.push([c.key, child], [c.value, child]);
        else stack.push([c.elt, child]);
        return;
      }
      default:
        this.pushFields(node, child, stack);
    }
  }

  /**
   * A function's parameters belong to the enclosing code object. Defaults that are all
   * constants are one constant tuple there (the compiler folds LOAD_CONSTs + BUILD_TUPLE),
   * which becomes the function's `__defaults__` (cached on the arguments node).
   */
  private defaults(args: A.Arguments, unit: Code, stack: [unknown, Code][]): void {
    const t = args.defaults.length > 0 ? this.foldTuple(args.defaults, 0) : null;
    if (t === null) {
      stack.push([args, unit]);
      return;
    }
    (args as ConstNode)._c = t;
    this.holdOwned(unit, t);
    const { defaults: _omit, ...rest } = args;
    void _omit;
    stack.push([Object.values(rest), unit]);
  }

  /** Constants a statement or expression compiles to besides its literals. */
  private implicit(node: A.Node, unit: Code): void {
    switch (node.type) {
      case 'Import':
        this.holdOwned(unit, this.host.int(0));
        this.hold(unit, None);
        return;
      case 'ImportFrom': {
        const f = node as A.ImportFrom;
        this.holdOwned(unit, this.host.int(f.level));
        const names = f.names.map((a) => this.host.internConst(a.name) as PyObject);
        this.holdOwned(unit, this.merge(this.tuple(names)));
        return;
      }
      case 'With':
        this.hold(unit, None);
        return;
      case 'Return':
        if ((node as A.Return).value === null) this.hold(unit, None);
        return;
      case 'Slice': {
        const s = node as A.Slice;
        if (s.lower === null || s.upper === null) this.hold(unit, None);
        return;
      }
      case 'Call': {
        const kws = (node as A.Call).keywords.filter((k) => k.arg !== null);
        if (kws.length === 0 || (node as A.Call).keywords.some((k) => k.arg === null)) return;
        const names = kws.map((k) => this.host.internConst(k.arg!) as PyObject);
        this.holdOwned(unit, this.merge(this.tuple(names)));
        return;
      }
      default:
    }
  }

  /** Walk on into a node's fields (not the caches, which start with '_'). */
  private pushFields(node: A.Node, unit: Code, stack: [unknown, Code][]): void {
    // `if True:` / `while 1:` compile to no test at all: the constant is not kept.
    const constTest = (node.type === 'If' || node.type === 'While') && (node as A.If).test.type === 'Constant';
    const fields = Object.entries(node);
    for (let i = fields.length - 1; i >= 0; i--) {
      const [k, v] = fields[i]!;
      if (k.charCodeAt(0) === 95 /* _ */ || typeof v !== 'object' || v === null) continue;
      if (constTest && k === 'test') continue;
      stack.push([v, unit]);
    }
  }

  /**
   * If `e` compiles to one constant, cache it on the node, give `unit` its reference, and
   * say so (its parts are then not constants of their own).
   */
  private resolve(e: A.Expr, unit: Code): boolean {
    const t = e.type;
    if (t !== 'Constant' && t !== 'UnaryOp' && t !== 'BinOp' && t !== 'Tuple' && t !== 'List' && t !== 'Subscript' && !isDebugName(e)) return false;
    if (t === 'Subscript' && (e as A.Subscript).ctx !== 'Load') return false;
    let v: PyObject | null;
    if (t === 'List') {
      // A display of more than two constants is built from one constant tuple.
      const l = e as A.List;
      if (l.elts.length <= 2 || l.ctx !== 'Load') return false;
      v = this.foldTuple(l.elts, 0);
    } else {
      if (t === 'Tuple' && (e as A.Tuple).ctx !== 'Load') return false;
      v = this.fold(e, 0);
    }
    if (v === null) return false;
    (e as ConstNode)._c = v;
    this.holdOwned(unit, v);
    return true;
  }

  /** The constant `e` folds to (a new reference), or null. */
  private fold(e: A.Expr, depth: number): PyObject | null {
    if (depth > MAX_FOLD_DEPTH) return null;
    switch (e.type) {
      case 'Constant': return this.literal(e.value);
      case 'Name': return isDebugName(e) ? this.shared(True) : null; // astfold_expr: __debug__ is True (no -O)
      case 'Tuple': return this.foldTuple(e.elts, depth);
      case 'UnaryOp': {
        const v = this.fold(e.operand, depth + 1);
        if (v === null) return null;
        try {
          if (e.op === 'Not') return this.shared(v === False || v === None || isZero(v) || isEmpty(v) ? True : False);
          return this.attempt(() => this.host.unary(e.op, v));
        } finally {
          this.host.heap.decref(v);
        }
      }
      case 'BinOp': {
        const l = this.fold(e.left, depth + 1);
        if (l === null) return null;
        const r = this.fold(e.right, depth + 1);
        if (r === null) {
          this.host.heap.decref(l);
          return null;
        }
        try {
          if (!withinLimits(e.op, l, r)) return null;
          return this.attempt(() => this.host.binop(e.op, l, r, false));
        } finally {
          this.host.heap.decref(l);
          this.host.heap.decref(r);
        }
      }
      case 'Subscript': {
        // fold_subscr: a constant indexed by a constant (not a slice).
        if (e.slice.type === 'Slice') return null;
        const o = this.fold(e.value, depth + 1);
        if (o === null) return null;
        const k = this.fold(e.slice, depth + 1);
        if (k === null) {
          this.host.heap.decref(o);
          return null;
        }
        try {
          return this.attempt(() => this.host.getItem(o, k));
        } finally {
          this.host.heap.decref(o);
          this.host.heap.decref(k);
        }
      }
      default: return null;
    }
  }

  private foldTuple(elts: A.Expr[], depth: number): PyObject | null {
    const items: PyObject[] = [];
    for (const x of elts) {
      const v = x.type === 'Starred' ? null : this.fold(x, depth + 1);
      if (v === null) {
        for (const i of items) this.host.heap.decref(i);
        return null;
      }
      items.push(v);
    }
    return this.merge(this.tuple(items));
  }

  /** A tuple taking over `items` (the shared empty tuple for none). */
  private tuple(items: PyObject[]): PyObject {
    const heap = this.host.heap;
    if (items.length === 0) return this.shared(EMPTY_TUPLE);
    return heap.track(heap.register(new PyTuple(items)));
  }

  /** Run an operation of the fold; a Python exception means "not folded". */
  private attempt(op: () => PyObject): PyObject | null {
    let v: PyObject;
    try {
      v = op();
    } catch (e) {
      this.host.discardFoldError(e);
      return null;
    }
    return this.merge(v);
  }

  /** A new reference to a literal's object, merged with equal constants. */
  private literal(cv: A.ConstValue): PyObject | null {
    const heap = this.host.heap;
    switch (cv.kind) {
      case 'int': return this.merge(this.host.int(cv.value));
      case 'float': return this.merge(heap.register(new PyFloat(cv.value)));
      case 'str': return this.str(cv.value);
      case 'bytes': return cv.value.length === 0 ? this.shared(EMPTY_BYTES) : this.merge(heap.register(new PyBytes(cv.value)));
      case 'bool': return this.shared(cv.value ? True : False);
      case 'none': return this.shared(None);
      case 'ellipsis': return this.shared(Ellipsis);
      case 'complex': return this.merge(heap.register(new PyComplex(cv.real, cv.imag)));
    }
  }

  private str(s: string): PyObject {
    const sh = literalSharedStr(s);
    if (sh) return this.shared(sh);
    if (NAME_CHARS.test(s)) return this.merge(this.host.internConst(s));
    return this.merge(this.host.heap.register(new PyStr(s)));
  }

  private shared(o: PyObject): PyObject {
    this.host.heap.incref(o);
    return o;
  }

  /**
   * The cached constant equal to `v` (by type and value) as a new reference, releasing
   * `v`; or `v` itself, now cached. Strs folding produced are interned like literals.
   */
  private merge(v: PyObject): PyObject {
    const heap = this.host.heap;
    // Made at compile time: tracemalloc does not see constants.
    heap.allocTracer?.forget(v);
    if (v instanceof PyStr && NAME_CHARS.test(v.value)) {
      const s = this.host.internConst(v.value);
      heap.decref(v);
      v = s;
    }
    const key = constKey(v);
    if (key === null) return v;
    const c = this.cache.get(key);
    if (c !== undefined) {
      heap.incref(c);
      heap.decref(v);
      return c;
    }
    heap.incref(v);
    this.cache.set(key, v);
    return v;
  }

  /** Give `unit` a reference to `v` (borrowed) if it has none yet. */
  private hold(unit: Code, v: PyObject): void {
    const s = this.unitSet(unit);
    if (s.has(v)) return;
    this.host.heap.incref(v);
    s.add(v);
  }

  /** Give `unit` the reference `v` carries, unless it holds `v` already. */
  private holdOwned(unit: Code, v: PyObject): void {
    const s = this.unitSet(unit);
    if (s.has(v)) {
      this.host.heap.decref(v);
      return;
    }
    s.add(v);
  }

  private unitSet(unit: Code): Set<PyObject> {
    let s = this.units.get(unit);
    if (!s) {
      s = new Set();
      this.units.set(unit, s);
    }
    return s;
  }

  /** The compiler's cache goes when compilation ends; the code objects keep what they hold. */
  private releaseCache(): void {
    const vs = [...this.cache.values()];
    this.cache.clear();
    for (const v of vs) this.host.heap.decref(v);
  }
}

/** _PyCode_ConstantKey, as a string: type and value (so 1, 1.0, True and -0.0 differ). */
function constKey(v: PyObject): string | null {
  if (v instanceof PyBool) return v.value ? 'T' : 'F';
  if (v === None) return 'N';
  if (v === Ellipsis) return 'E';
  if (v instanceof PyInt) return 'i' + String(v.value);
  if (v instanceof PyFloat) return 'f' + (Object.is(v.value, -0) ? '-0' : String(v.value));
  if (v instanceof PyComplex) return 'c' + [v.re, v.im].map((x) => (Object.is(x, -0) ? '-0' : String(x))).join(',');
  if (v instanceof PyStr) return 's' + v.value;
  if (v instanceof PyBytes) return 'y' + Array.from(v.value).join(',');
  if (v instanceof PyTuple) {
    const keys: string[] = [];
    for (const i of v.items) {
      const k = constKey(i);
      if (k === null) return null;
      keys.push(k);
    }
    return 't' + JSON.stringify(keys);
  }
  return null;
}

function isZero(v: PyObject): boolean {
  return (v instanceof PyInt && (v.value === 0 || v.value === 0n)) || (v instanceof PyFloat && v.value === 0);
}

function isEmpty(v: PyObject): boolean {
  return (v instanceof PyStr && v.value.length === 0) || (v instanceof PyBytes && v.value.length === 0) ||
    (v instanceof PyTuple && v.items.length === 0);
}

function intBits(v: PyObject): number | null {
  if (v instanceof PyBool) return v.value ? 1 : 0;
  if (!(v instanceof PyInt)) return null;
  const n = typeof v.value === 'bigint' ? v.value : BigInt(v.value);
  return n === 0n ? 0 : (n < 0n ? -n : n).toString(2).length;
}

function intValue(v: PyObject): bigint | null {
  if (v instanceof PyBool) return v.value ? 1n : 0n;
  return v instanceof PyInt ? BigInt(v.value) : null;
}

/** Items a tuple holds, nested tuples included (check_complexity). */
function complexity(v: PyObject, limit: number): number {
  let n = 0;
  const stack = [v];
  while (stack.length > 0 && n <= limit) {
    const o = stack.pop()!;
    if (!(o instanceof PyTuple)) continue;
    n += o.items.length;
    stack.push(...o.items);
  }
  return n;
}

/** safe_multiply / safe_power / safe_lshift / safe_mod of ast_opt.c: may this be folded? */
function withinLimits(op: A.Operator, l: PyObject, r: PyObject): boolean {
  const lb = intBits(l);
  const rb = intBits(r);
  switch (op) {
    case 'Mult': {
      if (lb !== null && rb !== null) return lb === 0 || rb === 0 || lb + rb <= MAX_INT_SIZE;
      const [n, seq] = rb !== null ? [intValue(r)!, l] : lb !== null ? [intValue(l)!, r] : [null, null];
      if (n === null || seq === null) return true;
      if (seq instanceof PyTuple) {
        const size = seq.items.length;
        if (size === 0) return true;
        if (n < 0n || n > BigInt(Math.floor(MAX_COLLECTION_SIZE / size))) return false;
        return n === 0n || complexity(seq, Number(BigInt(MAX_TOTAL_ITEMS) / n)) <= Number(BigInt(MAX_TOTAL_ITEMS) / n);
      }
      if (seq instanceof PyStr || seq instanceof PyBytes) {
        const size = seq instanceof PyStr ? [...seq.value].length : seq.value.length;
        if (size === 0) return true;
        return n >= 0n && n <= BigInt(Math.floor(MAX_STR_SIZE / size));
      }
      return true;
    }
    case 'Pow': {
      const rv = intValue(r);
      if (lb === null || rv === null || lb === 0 || rv <= 0n) return true;
      return BigInt(lb) <= BigInt(MAX_INT_SIZE) / rv;
    }
    case 'LShift': {
      const rv = intValue(r);
      if (lb === null || rv === null || lb === 0 || rv === 0n) return true;
      if (rv < 0n) return true;
      return rv <= BigInt(MAX_INT_SIZE) && BigInt(lb) <= BigInt(MAX_INT_SIZE) - rv;
    }
    case 'Mod':
      return !(l instanceof PyStr || l instanceof PyBytes);
    default:
      return true;
  }
}

/** Whether a function body starts with a docstring (which then is co_consts[0]). */
function hasDocstring(body: A.Stmt[]): boolean {
  const s = body[0];
  return s !== undefined && s.type === 'Expr' && s.value.type === 'Constant' && s.value.value.kind === 'str';
}

/** Whether control may reach the end of a body (then it returns None). */
function mayFallOffEnd(body: A.Stmt[]): boolean {
  const last = body[body.length - 1];
  return last === undefined || (last.type !== 'Return' && last.type !== 'Raise');
}

/** A read of `__debug__`, which 3.11's AST optimizer replaces with the constant True. */
function isDebugName(e: A.Expr): boolean {
  return e.type === 'Name' && e.id === '__debug__' && e.ctx === 'Load';
}

/**
 * Whether CPython's AST optimizer folds `e` to one constant (so a display of such items
 * compiles to a constant tuple): literals, a sign or `not` on a literal, arithmetic of two
 * number literals (no division by zero), `'a' + 'b'`, `'a' * 3`, and tuples of these.
 */
export function foldsToConstant(e: A.Expr): boolean {
  const num = (x: A.Expr): x is A.Constant =>
    x.type === 'Constant' && (x.value.kind === 'int' || x.value.kind === 'float' || x.value.kind === 'bool' || x.value.kind === 'complex');
  const zero = (x: A.Constant): boolean =>
    (x.value.kind === 'int' && x.value.value === 0n) || (x.value.kind === 'float' && x.value.value === 0) ||
    (x.value.kind === 'bool' && !x.value.value) || (x.value.kind === 'complex' && x.value.real === 0 && x.value.imag === 0);
  switch (e.type) {
    case 'Constant': return true;
    case 'UnaryOp':
      if (e.op === 'Not') return e.operand.type === 'Constant';
      if (e.op === 'Invert') return e.operand.type === 'Constant' && (e.operand.value.kind === 'int' || e.operand.value.kind === 'bool');
      return num(e.operand);
    case 'BinOp': {
      const { left, right, op } = e;
      if (left.type === 'Constant' && right.type === 'Constant' && left.value.kind === 'str' && right.value.kind === 'str') {
        return op === 'Add' && left.value.value.length + right.value.value.length <= 4096;
      }
      // safe_multiply: a str times an int folds while the result has at most 4096 characters.
      if (op === 'Mult' && left.type === 'Constant' && right.type === 'Constant') {
        const [s, n] = left.value.kind === 'str' ? [left.value, right.value] : [right.value, left.value];
        if (s.kind === 'str' && n.kind === 'int') return n.value <= 0n || BigInt([...s.value].length) * n.value <= 4096n;
      }
      if (!num(left) || !num(right)) return false;
      if (op === 'Add' || op === 'Sub' || op === 'Mult') return true;
      return (op === 'Div' || op === 'FloorDiv' || op === 'Mod') && !zero(right);
    }
    case 'Tuple': return e.elts.every(foldsToConstant);
    default: return false;
  }
}
