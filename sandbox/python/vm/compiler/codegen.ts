/**
 * The code generator's state (CPython's `struct compiler`): the stack of units being
 * compiled, name resolution against the symbol tables scope.ts builds, constants (folded
 * ones come from constants.ts through a `Folder`), and the emission helpers the statement
 * and expression visitors share (compiler_nameop, compiler_make_closure, ...).
 *
 * Symbol tables: scope.ts's analysis gives, per scope, how each name is reached (fast,
 * deref, global, name, class-deref), the cells and the free variables — what CPython's
 * symtable gives the compiler; the implicit `__class__` cell (for `super()`) is added here.
 * scope.ts keys names unmangled; the compiler mangles private names (`__x` in a class) where
 * CPython's symtable would, and refuses what that cannot get right: a private name that is a
 * cell or free variable (their order depends on the mangled spelling).
 */
import type * as A from '../../ast.js';
import type { CodeConst, CodeObject } from '../code.js';
import { Op } from '../opcodes.js';
import { type Code, NameKind, UnsupportedError } from '../../scope.js';
import { fromConstValue } from './consts.js';
import { Unit, type ScopeType } from './unit.js';
import { mangle } from '../../mangle.js';

/** The one _Py_Mangle (sandbox/python/mangle.ts), as the compiler's other files import it from here. */
export { mangle };

/**
 * The constant an expression folds to (Python/ast_opt.c's rules, owned by constants.ts),
 * or null when it is not a constant. Literals need no folder.
 */
export type Folder = (e: A.Expr | A.Arguments) => CodeConst | null;

export type Ctx = 'Load' | 'Store' | 'Del';

export class Codegen {
  readonly units: Unit[] = [];
  /** Names the module imports (DEF_IMPORT at top level): no LOAD_METHOD on them. */
  readonly importedAtTop = new Set<string>();
  /** Names a `global` statement declares anywhere (DEF_GLOBAL in the module's symbols). */
  readonly moduleGlobals = new Set<string>();

  constructor(
    readonly filename: string,
    private readonly folder: Folder | null,
  ) {}

  get u(): Unit {
    return this.units[this.units.length - 1]!;
  }

  /** The constant `e` is after AST optimisation, or null (a Constant node is always one). */
  constOf(e: A.Expr): CodeConst | null {
    if (e.type === 'Constant') return fromConstValue(e.value);
    // ast_opt: `__debug__` is the constant True (no -O).
    if (e.type === 'Name' && e.id === '__debug__' && e.ctx === 'Load') return { kind: 'bool', value: true };
    if (e.type !== 'UnaryOp' && e.type !== 'BinOp' && e.type !== 'Tuple' && e.type !== 'Subscript') return null;
    if ((e.type === 'Tuple' || e.type === 'Subscript') && e.ctx !== 'Load') return null;
    if (e.type === 'Tuple' && e.elts.length === 0) return { kind: 'tuple', items: [] };
    if (!this.folder) {
      if (mayFold(e)) throw new UnsupportedError('constant folding without a folder (bytecode compiler)', e.lineno);
      return null;
    }
    return this.folder(e);
  }

  /**
   * The constant tuple a display of more than two items folds to as a whole (the items
   * themselves then have no constant of their own in the folder's answers), or null.
   * Asked of list displays and of a function's defaults.
   */
  foldedWhole(e: A.List | A.Arguments): CodeConst | null {
    if (!this.folder) {
      const elts = e.type === 'List' ? e.elts : e.defaults;
      if (elts.every(mayFold) && elts.some((x) => x.type !== 'Constant')) throw new UnsupportedError('constant folding without a folder (bytecode compiler)', this.u.line);
      return null;
    }
    return this.folder(e);
  }

  /** compiler_enter_scope. */
  enterScope(type: ScopeType, name: string, sym: Code, firstlineno: number, params: readonly string[]): Unit {
    const cells = sym.cellSlots.map((i) => sym.names[i]!).sort();
    const frees = [...sym.freeNames].sort();
    const parent = this.units.length > 0 ? this.u : null;
    if (type === 'class' && classNeedsClosure(sym)) cells.push('__class__');
    if ((type === 'function' || type === 'lambda' || type === 'comprehension') && parent && methodUsesClassCell(sym, parent)) {
      frees.push('__class__');
      frees.sort();
    }
    const privateName = type === 'class' ? name : parent?.privateName ?? null;
    for (const n of [...cells, ...frees]) {
      if (mangle(privateName, n) !== n) throw new UnsupportedError(`a private name ('${n}') captured by a closure (bytecode compiler)`, firstlineno);
    }
    const mangled = params.map((p) => mangle(privateName, p));
    const u = new Unit(type, name, qualname(type, name, parent), sym, firstlineno, mangled, cells, frees);
    u.privateName = privateName;
    if (parent) {
      const parentFunctionLike = parent.scopeType !== 'module' && parent.scopeType !== 'class';
      u.nested = parent.nested || parentFunctionLike;
    }
    this.units.push(u);
    u.line = type === 'module' ? 0 : firstlineno;
    u.op(Op.RESUME, 0);
    if (type === 'module') u.line = -1;
    return u;
  }

  exitScope(): void {
    this.units.pop();
  }

  /** compiler_nameop. */
  nameop(name: string, ctx: Ctx): void {
    const u = this.u;
    const mangled = mangle(u.privateName, name);
    const functionBlock = u.scopeType === 'function' || u.scopeType === 'lambda' || u.scopeType === 'comprehension';
    const r = u.sym.res.get(name);
    let kind: 'fast' | 'global' | 'deref' | 'name' = 'name';
    let free = false;
    if (r) {
      switch (r.kind) {
        case NameKind.Fast: kind = functionBlock ? 'fast' : 'name'; break;
        case NameKind.Deref: kind = 'deref'; free = !u.cellvars.includes(name); break;
        case NameKind.ClassDeref: kind = 'deref'; free = true; break;
        case NameKind.Global: kind = 'global'; break;
        case NameKind.Name: kind = 'name'; break;
      }
    }
    if (u.scopeType === 'module' && this.moduleGlobals.has(name)) kind = 'global';
    if (name === '__class__' && (u.cellvars.includes(name) || u.freevars.includes(name))) {
      kind = 'deref';
      free = !u.cellvars.includes(name);
    }
    switch (kind) {
      case 'fast': {
        const op = ctx === 'Load' ? Op.LOAD_FAST : ctx === 'Store' ? Op.STORE_FAST : Op.DELETE_FAST;
        u.op(op, u.varIndexOf(mangled));
        return;
      }
      case 'deref': {
        const op = ctx === 'Load' ? (u.scopeType === 'class' ? Op.LOAD_CLASSDEREF : Op.LOAD_DEREF) : ctx === 'Store' ? Op.STORE_DEREF : Op.DELETE_DEREF;
        u.op(op, u.derefIndex(name, free));
        return;
      }
      case 'global': {
        const i = u.nameIndexOf(mangled);
        if (ctx === 'Load') u.op(Op.LOAD_GLOBAL, i << 1);
        else u.op(ctx === 'Store' ? Op.STORE_GLOBAL : Op.DELETE_GLOBAL, i);
        return;
      }
      case 'name': {
        const op = ctx === 'Load' ? Op.LOAD_NAME : ctx === 'Store' ? Op.STORE_NAME : Op.DELETE_NAME;
        u.op(op, u.nameIndexOf(mangled));
        return;
      }
    }
  }

  /** ADDOP_NAME: a co_names index for an attribute or module name (mangled). */
  nameArg(name: string): number {
    return this.u.nameIndexOf(mangle(this.u.privateName, name));
  }

  /** compiler_make_closure: push the function built from `co` (with its closure). */
  makeClosure(co: CodeObject, flags: number): void {
    const u = this.u;
    if (co.co_freevars.length > 0) {
      for (const name of co.co_freevars) {
        const cell = u.cellvars.includes(name);
        if (!cell && !u.freevars.includes(name)) throw new Error(`compiler: closure name '${name}' not found in ${u.qualname}`);
        u.op(Op.LOAD_CLOSURE, u.derefIndex(name, !cell));
      }
      flags |= 0x08;
      u.op(Op.BUILD_TUPLE, co.co_freevars.length);
    }
    u.loadConst({ kind: 'code', code: co });
    u.op(Op.MAKE_FUNCTION, flags);
  }

  /** Where a nested scope's symbol table is. */
  child(node: A.Node): Code {
    const c = this.u.sym.children.get(node);
    if (!c) throw new Error('compiler: no symbol table for a nested scope');
    return c;
  }
}

/** compiler_set_qualname. */
function qualname(type: ScopeType, name: string, parent: Unit | null): string {
  if (!parent || parent.scopeType === 'module') return name;
  if ((type === 'function' || type === 'class') && parent.sym.res.get(name)?.kind === NameKind.Global) return name;
  const base = parent.scopeType === 'function' || parent.scopeType === 'lambda' ? `${parent.qualname}.<locals>` : parent.qualname;
  return `${base}.${name}`;
}

/** Whether ast_opt might fold `e` (operands all literal or foldable). */
function mayFold(e: A.Expr): boolean {
  switch (e.type) {
    case 'Constant': return true;
    case 'UnaryOp': return mayFold(e.operand);
    case 'BinOp': return mayFold(e.left) && mayFold(e.right);
    case 'Tuple': return e.elts.every((x) => x.type !== 'Starred' && mayFold(x));
    case 'Subscript': return e.slice.type !== 'Slice' && mayFold(e.value) && mayFold(e.slice);
    default: return false;
  }
}

/** ste_needs_class_closure: a function in this class body (at any depth) uses `__class__`. */
function classNeedsClosure(cls: Code): boolean {
  for (const c of cls.children.values()) if (c.kind !== 'class' && needsClassFree(c)) return true;
  return false;
}

/**
 * Whether a function-like scope has `__class__` free: it reads it (`super()` counts) or a
 * function nested in it does (the cell passes through). Recursion follows scope nesting.
 */
function needsClassFree(s: Code): boolean {
  if (s.usesSuper || s.res.has('__class__')) return true;
  for (const c of s.children.values()) if (c.kind !== 'class' && needsClassFree(c)) return true;
  return false;
}

/** A function-like scope inside a class body (through function-like scopes only) that needs `__class__`. */
function methodUsesClassCell(sym: Code, parent: Unit): boolean {
  if (!needsClassFree(sym)) return false;
  if (parent.scopeType === 'class') return true;
  return parent.freevars.includes('__class__');
}
