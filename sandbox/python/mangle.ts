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
 * The bytecode compiler applies it where CPython's does (vm/compiler/codegen.ts); the
 * symbol tables (scope.ts) key names unmangled. ast.parse itself does not mangle, and
 * neither does this module's parser.
 */

/** _Py_Mangle: `name` as written inside class `cls` (null: outside any class). */
export function mangle(cls: string | null, name: string): string {
  if (cls === null || !name.startsWith('__') || name.endsWith('__') || name.includes('.')) return name;
  const stripped = cls.replace(/^_+/, '');
  return stripped ? `_${stripped}${name}` : name;
}
