/**
 * Private name mangling, as CPython 3.11's compiler does it (_Py_Mangle in
 * Python/compile.c): inside a class body — and the functions and lambdas nested in it — an
 * identifier `__spam` (two leading underscores, not ending in two) stands for
 * `_Class__spam`, where Class is the innermost class's name without its leading
 * underscores (a name of underscores only mangles nothing). It applies to names read and
 * bound, attribute names, parameters, `global`/`nonlocal` names, `except ... as` names, and
 * the name a `def` or `class` statement binds (its `__name__` keeps the plain name).
 * Keyword argument names at call sites are not mangled, as in CPython.
 *
 * It runs on the parsed module before the symbol tables are built, so every later stage
 * (scopes, constants, the interpreter) sees the names CPython's code objects hold.
 * ast.parse itself does not mangle, and neither does this module's parser.
 */
import type * as A from './ast.js';

/** _Py_Mangle: `name` as written inside class `cls` (null: outside any class). */
export function mangle(cls: string | null, name: string): string {
  if (cls === null || !name.startsWith('__') || name.endsWith('__') || name.includes('.')) return name;
  const stripped = cls.replace(/^_+/, '');
  return stripped ? `_${stripped}${name}` : name;
}

type AnyNode = { type?: string } & Record<string, unknown>;

/** Rewrites one node's own names for the class it is in. */
function renameIn(n: AnyNode, cls: string): void {
  switch (n.type) {
    case 'Name': (n as unknown as A.Name).id = mangle(cls, (n as unknown as A.Name).id); return;
    case 'Attribute': (n as unknown as A.Attribute).attr = mangle(cls, (n as unknown as A.Attribute).attr); return;
    case 'arg': (n as unknown as A.Arg).arg = mangle(cls, (n as unknown as A.Arg).arg); return;
    case 'Global': case 'Nonlocal': {
      const g = n as unknown as A.Global;
      g.names = g.names.map((x) => mangle(cls, x));
      return;
    }
    case 'ExceptHandler': {
      const h = n as unknown as A.ExceptHandler;
      if (h.name !== null) h.name = mangle(cls, h.name);
      return;
    }
    case 'FunctionDef': case 'ClassDef': {
      const d = n as unknown as A.FunctionDef | A.ClassDef;
      const bound = mangle(cls, d.name);
      if (bound !== d.name) d.bindName = bound;
      return;
    }
    default:
  }
}

/**
 * Mangle every private name of `mod` in place. An explicit stack (no recursion): each entry
 * is a value of the tree and the class whose body it is in. A class's bases, keywords and
 * decorators belong to the enclosing scope's class; its body to itself.
 */
export function manglePrivateNames(mod: A.Module): void {
  const stack: [unknown, string | null][] = [[mod.body, null]];
  while (stack.length > 0) {
    const [v, cls] = stack.pop()!;
    if (Array.isArray(v)) {
      for (const x of v) stack.push([x, cls]);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    const n = v as AnyNode;
    if (cls !== null) renameIn(n, cls);
    if (n.type === 'ClassDef') {
      const c = n as unknown as A.ClassDef;
      stack.push([c.bases, cls], [c.keywords, cls], [c.decorator_list, cls], [c.body, c.name]);
      continue;
    }
    for (const k of Object.keys(n)) {
      const child = n[k];
      if (child !== null && typeof child === 'object') stack.push([child, cls]);
    }
  }
}
