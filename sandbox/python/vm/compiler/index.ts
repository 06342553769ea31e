/**
 * heaplab's bytecode compiler: Python AST (parser.ts) to code objects shaped like CPython
 * 3.11's (vm/code.ts), following Python/compile.c so that co_code, co_consts, the line
 * table, the exception table and co_stacksize come out as CPython's for the constructs it
 * covers. Constructs it does not cover raise UnsupportedError naming them — never wrong
 * bytecode.
 *
 *   codegen.ts   compiler state, name resolution, closures
 *   stmt.ts      statement visitors, frame-block unwinding
 *   expr.ts      expression visitors
 *   unit.ts      one code object being built (blocks, constants, names)
 *   instr.ts     instructions, blocks, stack effects
 *   cfg.ts       CFG passes (peephole, line propagation, stack depth, exception labels)
 *   assemble.ts  the assembler
 *   consts.ts    constants (keys, truth, conversion of folded heap objects)
 */
import type * as A from '../../ast.js';
import type { CodeObject } from '../code.js';
import { analyzeModule, type Code } from '../../scope.js';
import { assemble } from './assemble.js';
import { Codegen, type Folder } from './codegen.js';
import { visitBody } from './stmt.js';

export type { Folder } from './codegen.js';
export { fromObject } from './consts.js';

export interface CompileOptions {
  /** The symbol tables (scope.ts's analysis of this module), if already built. */
  symbols?: Code;
  /**
   * What each foldable expression folds to (constants.ts's rules). Without it, a
   * module with an expression CPython would fold is refused.
   */
  fold?: Folder;
}

/** The names module-level code imports (symtable's DEF_IMPORT at top level). */
function topLevelImports(body: A.Stmt[]): Set<string> {
  const out = new Set<string>();
  const stack: A.Stmt[][] = [body];
  while (stack.length) {
    for (const s of stack.pop()!) {
      switch (s.type) {
        case 'Import': for (const a of s.names) out.add(a.asname ?? a.name.split('.')[0]!); break;
        case 'ImportFrom': for (const a of s.names) if (a.name !== '*') out.add(a.asname ?? a.name); break;
        case 'For': case 'While': case 'If': stack.push(s.body, s.orelse); break;
        case 'With': stack.push(s.body); break;
        case 'Try': stack.push(s.body, s.orelse, s.finalbody, ...s.handlers.map((h) => h.body)); break;
        default:
      }
    }
  }
  return out;
}

/**
 * Every name some `global` statement declares, in any scope: symtable records them in the
 * module's own symbols (DEF_GLOBAL), so module code reaches them with *_GLOBAL ops.
 */
function declaredGlobals(mod: A.Module): Set<string> {
  const out = new Set<string>();
  const stack: unknown[] = [mod.body];
  while (stack.length) {
    const n = stack.pop();
    if (Array.isArray(n)) {
      for (const x of n) stack.push(x);
      continue;
    }
    if (typeof n !== 'object' || n === null) continue;
    const node = n as { type?: unknown };
    if (typeof node.type !== 'string') continue;
    if (node.type === 'Global') for (const g of (n as A.Global).names) out.add(g);
    for (const [k, v] of Object.entries(n)) if (k.charCodeAt(0) !== 95 && typeof v === 'object' && v !== null) stack.push(v);
  }
  return out;
}

/** compiler_mod: the module's code object (nested code objects in its co_consts). */
export function compileModule(mod: A.Module, filename: string, options: CompileOptions = {}): CodeObject {
  const symbols = options.symbols ?? analyzeModule(mod, filename, '');
  const c = new Codegen(filename, options.fold ?? null);
  for (const n of topLevelImports(mod.body)) c.importedAtTop.add(n);
  for (const n of declaredGlobals(mod)) c.moduleGlobals.add(n);
  const u = c.enterScope('module', '<module>', symbols, 1, []);
  u.line = 1;
  visitBody(c, mod.body);
  const co = assemble(u, true, filename);
  c.exitScope();
  return co;
}
