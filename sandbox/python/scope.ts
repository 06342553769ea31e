/**
 * Symbol tables, the way CPython's symtable.c builds them: which names of a function are
 * fast locals, which are cells (captured by nested functions), which are free (captured
 * from an enclosing function), which are globals. The result is a Code per scope with the
 * frame layout CPython 3.11 uses (localsplus = arguments and plain locals in order of first
 * appearance, then cell variables, then free variables, each group of cells/frees sorted by
 * name) — that layout is the order locals are released in when a frame dies.
 */
import type * as A from './ast.js';

export type ScopeKind = 'module' | 'function' | 'class' | 'comp';

/** How a name is reached at runtime. */
export const enum NameKind {
  Fast = 0,
  Deref = 1,
  Global = 2,
  /** Module or class namespace (dict), then globals, then builtins. */
  Name = 3,
  /** Class body reading a name its enclosing function owns: the namespace, then the cell. */
  ClassDeref = 4,
}

export interface Resolved {
  kind: NameKind;
  slot: number;
}

export interface Code {
  kind: ScopeKind;
  name: string;
  qualname: string;
  filename: string;
  lines: string[];
  firstlineno: number;
  /** Parameter names (positional, then *args, then keyword-only, then **kwargs). */
  posargs: string[];
  posonly: number;
  vararg: string | null;
  kwonly: string[];
  kwarg: string | null;
  /** localsplus names. */
  names: string[];
  /** Slots holding a cell made at frame start (with the argument moved in, for arguments). */
  cellSlots: number[];
  /** Slots receiving the closure's cells, in closure order. */
  freeSlots: number[];
  freeNames: string[];
  isGenerator: boolean;
  body: A.Stmt[];
  node: A.Node | null;
  res: Map<string, Resolved>;
  /** Child scopes by AST node. */
  children: Map<A.Node, Code>;
  /** For comprehensions: the node. */
  usesSuper: boolean;
}

class Scope {
  params: string[] = [];
  bound: string[] = [];
  boundSet = new Set<string>();
  globals = new Set<string>();
  nonlocals = new Set<string>();
  uses = new Set<string>();
  children: Scope[] = [];
  locals = new Set<string>();
  cells = new Set<string>();
  frees = new Set<string>();
  isGen = false;
  usesSuper = false;
  constructor(
    public kind: ScopeKind,
    public node: A.Node | null,
    public parent: Scope | null,
    public name: string,
    public qualname: string,
  ) {}
  bind(n: string): void {
    if (!this.boundSet.has(n)) {
      this.boundSet.add(n);
      this.bound.push(n);
    }
  }
}

export class UnsupportedError extends Error {
  constructor(
    public what: string,
    public line: number,
  ) {
    super(`heaplab does not support ${what}`);
  }
}

class Builder {
  constructor(private readonly filename: string) {}

  stmts(body: A.Stmt[], s: Scope): void {
    for (const st of body) this.stmt(st, s);
  }

  childQual(s: Scope, name: string): string {
    if (s.kind === 'module') return name;
    if (s.kind === 'class') return `${s.qualname}.${name}`;
    return `${s.qualname}.<locals>.${name}`;
  }

  func(node: A.FunctionDef | A.Lambda, s: Scope): void {
    const name = node.type === 'FunctionDef' ? node.name : '<lambda>';
    const a = node.args;
    for (const d of a.defaults) this.expr(d, s);
    for (const d of a.kw_defaults) if (d) this.expr(d, s);
    // Annotations are evaluated in the enclosing scope (symtable_visit_annotations).
    for (const x of [...a.posonlyargs, ...a.args, a.vararg, ...a.kwonlyargs, a.kwarg]) if (x?.annotation) this.expr(x.annotation, s);
    if (node.type === 'FunctionDef' && node.returns) this.expr(node.returns, s);
    if (node.type === 'FunctionDef') {
      for (const d of node.decorator_list) this.expr(d, s);
      s.bind(node.name);
    }
    const c = new Scope('function', node, s, name, this.childQual(s, name));
    s.children.push(c);
    const params = [...a.posonlyargs, ...a.args].map((x) => x.arg);
    if (a.vararg) params.push(a.vararg.arg);
    for (const k of a.kwonlyargs) params.push(k.arg);
    if (a.kwarg) params.push(a.kwarg.arg);
    c.params = params;
    for (const p of params) c.bind(p);
    if (node.type === 'FunctionDef') this.stmts(node.body, c);
    else this.expr(node.body, c);
  }

  comp(node: A.ListComp | A.SetComp | A.DictComp | A.GeneratorExp, s: Scope): void {
    const gens = node.generators;
    this.expr(gens[0]!.iter, s);
    const name = node.type === 'ListComp' ? '<listcomp>' : node.type === 'SetComp' ? '<setcomp>' : node.type === 'DictComp' ? '<dictcomp>' : '<genexpr>';
    const c = new Scope('comp', node, s, name, this.childQual(s, name));
    s.children.push(c);
    c.params = ['.0'];
    c.bind('.0');
    gens.forEach((g, i) => {
      if (g.is_async) throw new UnsupportedError("'async for' in comprehensions", 0);
      if (i > 0) this.expr(g.iter, c);
      this.target(g.target, c);
      for (const f of g.ifs) this.expr(f, c);
    });
    if (node.type === 'DictComp') {
      this.expr(node.key, c);
      this.expr(node.value, c);
    } else {
      this.expr(node.elt, c);
    }
    if (node.type === 'GeneratorExp') c.isGen = true;
  }

  target(t: A.Expr, s: Scope): void {
    switch (t.type) {
      case 'Name': s.bind(t.id); return;
      case 'Tuple': case 'List': for (const e of t.elts) this.target(e, s); return;
      case 'Starred': this.target(t.value, s); return;
      default: this.expr(t, s);
    }
  }

  stmt(st: A.Stmt, s: Scope): void {
    switch (st.type) {
      case 'FunctionDef': this.func(st, s); return;
      case 'ClassDef': {
        for (const b of st.bases) this.expr(b, s);
        for (const k of st.keywords) this.expr(k.value, s);
        for (const d of st.decorator_list) this.expr(d, s);
        s.bind(st.name);
        const c = new Scope('class', st, s, st.name, this.childQual(s, st.name));
        s.children.push(c);
        this.stmts(st.body, c);
        return;
      }
      case 'Return': if (st.value) this.expr(st.value, s); return;
      case 'Delete': for (const t of st.targets) this.target(t, s); return;
      case 'Assign': this.expr(st.value, s); for (const t of st.targets) this.target(t, s); return;
      case 'AugAssign':
        this.expr(st.value, s);
        if (st.target.type === 'Name') s.uses.add(st.target.id);
        this.target(st.target, s);
        return;
      case 'AnnAssign':
        if (st.value) this.expr(st.value, s);
        this.target(st.target, s);
        this.expr(st.annotation, s);
        return;
      case 'For': this.expr(st.iter, s); this.target(st.target, s); this.stmts(st.body, s); this.stmts(st.orelse, s); return;
      case 'While': this.expr(st.test, s); this.stmts(st.body, s); this.stmts(st.orelse, s); return;
      case 'If': this.expr(st.test, s); this.stmts(st.body, s); this.stmts(st.orelse, s); return;
      case 'With':
        for (const it of st.items) {
          this.expr(it.context_expr, s);
          if (it.optional_vars) this.target(it.optional_vars, s);
        }
        this.stmts(st.body, s);
        return;
      case 'Raise': if (st.exc) this.expr(st.exc, s); if (st.cause) this.expr(st.cause, s); return;
      case 'Try':
        this.stmts(st.body, s);
        for (const h of st.handlers) {
          if (h.type_) this.expr(h.type_, s);
          if (h.name) s.bind(h.name);
          this.stmts(h.body, s);
        }
        this.stmts(st.orelse, s);
        this.stmts(st.finalbody, s);
        return;
      case 'Assert': this.expr(st.test, s); if (st.msg) this.expr(st.msg, s); return;
      case 'Import': for (const a of st.names) s.bind(a.asname ?? a.name.split('.')[0]!); return;
      case 'ImportFrom': for (const a of st.names) if (a.name !== '*') s.bind(a.asname ?? a.name); return;
      case 'Global': for (const n of st.names) s.globals.add(n); return;
      case 'Nonlocal': for (const n of st.names) s.nonlocals.add(n); return;
      case 'Expr': this.expr(st.value, s); return;
      default: return;
    }
  }

  expr(e: A.Expr, s: Scope): void {
    switch (e.type) {
      case 'Name':
        if (e.ctx === 'Load') {
          s.uses.add(e.id);
          if (e.id === 'super') s.usesSuper = true;
        } else s.bind(e.id);
        return;
      case 'BoolOp': for (const v of e.values) this.expr(v, s); return;
      case 'NamedExpr': {
        let t = s;
        while (t.kind === 'comp' && t.parent) t = t.parent;
        t.bind(e.target.id);
        if (t !== s) s.uses.add(e.target.id);
        this.expr(e.value, s);
        return;
      }
      case 'BinOp': this.expr(e.left, s); this.expr(e.right, s); return;
      case 'UnaryOp': this.expr(e.operand, s); return;
      case 'Lambda': this.func(e, s); return;
      case 'IfExp': this.expr(e.test, s); this.expr(e.body, s); this.expr(e.orelse, s); return;
      case 'Dict': for (const k of e.keys) if (k) this.expr(k, s); for (const v of e.values) this.expr(v, s); return;
      case 'Set': case 'List': case 'Tuple': for (const v of e.elts) this.expr(v, s); return;
      case 'ListComp': case 'SetComp': case 'DictComp': case 'GeneratorExp': this.comp(e, s); return;
      case 'Yield': s.isGen = true; if (e.value) this.expr(e.value, s); return;
      case 'YieldFrom': s.isGen = true; this.expr(e.value, s); return;
      case 'Compare': this.expr(e.left, s); for (const c of e.comparators) this.expr(c, s); return;
      case 'Call': this.expr(e.func, s); for (const a of e.args) this.expr(a, s); for (const k of e.keywords) this.expr(k.value, s); return;
      case 'FormattedValue': this.expr(e.value, s); if (e.format_spec) this.expr(e.format_spec, s); return;
      case 'JoinedStr': for (const v of e.values) this.expr(v, s); return;
      case 'Attribute': this.expr(e.value, s); return;
      case 'Subscript': this.expr(e.value, s); this.expr(e.slice, s); return;
      case 'Starred': this.expr(e.value, s); return;
      case 'Slice': if (e.lower) this.expr(e.lower, s); if (e.upper) this.expr(e.upper, s); if (e.step) this.expr(e.step, s); return;
      default: return;
    }
  }
}

function isFunctionLike(s: Scope): boolean {
  return s.kind === 'function' || s.kind === 'comp';
}

function computeLocals(s: Scope): void {
  if (isFunctionLike(s)) {
    for (const n of s.bound) if (!s.globals.has(n) && !s.nonlocals.has(n)) s.locals.add(n);
  }
  for (const c of s.children) computeLocals(c);
}

/** Find the function scope owning `name` for a free reference from `s`; mark cells/frees. */
function resolveFree(s: Scope, name: string): boolean {
  let p = s.parent;
  const path: Scope[] = [];
  while (p && p.kind !== 'module') {
    if (isFunctionLike(p)) {
      if (p.locals.has(name)) {
        p.cells.add(name);
        s.frees.add(name);
        for (const q of path) q.frees.add(name);
        return true;
      }
      if (p.globals.has(name)) return false;
    }
    path.push(p);
    p = p.parent;
  }
  return false;
}

function computeFrees(s: Scope): void {
  const names = new Set<string>([...s.uses, ...s.nonlocals, ...(s.kind === 'class' ? [] : [])]);
  for (const n of names) {
    if (s.globals.has(n)) continue;
    if (isFunctionLike(s) && s.locals.has(n)) continue;
    if (s.kind === 'module') continue;
    if (s.kind === 'class' && s.boundSet.has(n) && !s.nonlocals.has(n)) continue;
    resolveFree(s, n);
  }
  for (const n of s.nonlocals) if (!s.frees.has(n)) throw new UnsupportedError(`nonlocal '${n}' without a binding`, 0);
  for (const c of s.children) computeFrees(c);
}

function build(s: Scope, filename: string, lines: string[]): Code {
  const names: string[] = [];
  const slots = new Map<string, number>();
  const add = (n: string): number => {
    let i = slots.get(n);
    if (i === undefined) {
      i = names.length;
      names.push(n);
      slots.set(n, i);
    }
    return i;
  };
  const cellSlots: number[] = [];
  const freeSlots: number[] = [];
  const res = new Map<string, Resolved>();
  let posargs: string[] = [];
  let posonly = 0;
  let vararg: string | null = null;
  let kwonly: string[] = [];
  let kwarg: string | null = null;
  const node = s.node;
  if (node && (node.type === 'FunctionDef' || node.type === 'Lambda')) {
    const a = node.args;
    posargs = [...a.posonlyargs, ...a.args].map((x) => x.arg);
    posonly = a.posonlyargs.length;
    vararg = a.vararg?.arg ?? null;
    kwonly = a.kwonlyargs.map((x) => x.arg);
    kwarg = a.kwarg?.arg ?? null;
  } else if (s.kind === 'comp') {
    posargs = ['.0'];
  }
  if (isFunctionLike(s)) {
    for (const p of s.params) {
      const i = add(p);
      if (s.cells.has(p)) cellSlots.push(i);
    }
    for (const n of s.bound) if (s.locals.has(n) && !s.cells.has(n)) add(n);
    for (const n of [...s.cells].sort()) {
      if (s.params.includes(n)) continue;
      cellSlots.push(add(n));
    }
  }
  const freeNames = [...s.frees].sort();
  for (const n of freeNames) freeSlots.push(add(n));
  // name resolution
  const allNames = new Set<string>([...s.uses, ...s.bound, ...s.globals, ...s.nonlocals]);
  for (const n of allNames) {
    let r: Resolved;
    if (s.globals.has(n)) r = { kind: NameKind.Global, slot: -1 };
    else if (isFunctionLike(s)) {
      if (s.cells.has(n) || s.frees.has(n)) r = { kind: NameKind.Deref, slot: slots.get(n)! };
      else if (s.locals.has(n)) r = { kind: NameKind.Fast, slot: slots.get(n)! };
      else r = { kind: NameKind.Global, slot: -1 };
    } else if (s.kind === 'class') {
      if (s.frees.has(n) && !s.boundSet.has(n)) r = { kind: NameKind.ClassDeref, slot: slots.get(n)! };
      else if (s.nonlocals.has(n)) r = { kind: NameKind.Deref, slot: slots.get(n)! };
      else r = { kind: NameKind.Name, slot: -1 };
    } else r = { kind: NameKind.Name, slot: -1 };
    res.set(n, r);
  }
  let body: A.Stmt[] = [];
  let firstlineno = 1;
  if (node) {
    if (node.type === 'Module') body = node.body;
    else if (node.type === 'FunctionDef' || node.type === 'ClassDef') body = node.body;
    if ('lineno' in node) firstlineno = node.lineno;
  }
  const code: Code = {
    kind: s.kind, name: s.name, qualname: s.qualname, filename, lines, firstlineno,
    posargs, posonly, vararg, kwonly, kwarg, names, cellSlots, freeSlots, freeNames,
    isGenerator: s.isGen && s.kind !== 'class' && s.kind !== 'module', body, node, res,
    children: new Map(), usesSuper: s.usesSuper,
  };
  for (const c of s.children) code.children.set(c.node!, build(c, filename, lines));
  return code;
}

/** Build the Code tree of a module. */
export function analyzeModule(mod: A.Module, filename: string, source: string): Code {
  const s = new Scope('module', mod, null, '<module>', '<module>');
  new Builder(filename).stmts(mod.body, s);
  computeLocals(s);
  computeFrees(s);
  return build(s, filename, source.split(/\r\n|\r|\n/));
}
