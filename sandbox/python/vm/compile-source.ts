/**
 * Compile Python source with heaplab's bytecode compiler for the machine: parse, scope
 * analysis (scope.ts), the constant pass (constants.ts: folding, owned there), then the
 * compiler, which takes each folded expression's constant from that pass.
 *
 * The same steps as test/sandbox/python/vm/compile-source.ts (the tests' copy), here for the
 * product: a traced exec runs what this compiles.
 */
import { parse } from '../parser.js';
import { analyzeModule } from '../scope.js';
import type { ConstNode } from '../constants.js';
import { interpreterFor } from '../interpreter.js';
import { SandboxRuntime } from '../../runtime.js';
import type { CodeObject } from './code.js';
import { compileModule, fromObject } from './compiler/index.js';

/**
 * One interpreter does the constant passes (a fresh one per program costs its builtins).
 * Only the folded values leave it (fromObject), never its objects or addresses, so which
 * runtime folded a constant changes nothing a sandbox sees.
 */
let shared: { rt: SandboxRuntime; uses: number } | null = null;

function constantPass(): ReturnType<typeof interpreterFor> {
  if (!shared || shared.uses >= 50) shared = { rt: new SandboxRuntime(), uses: 0 };
  shared.uses++;
  return interpreterFor(shared.rt);
}

/** The module's code object; throws PySyntaxError as the parser does for invalid source. */
export function compileSource(source: string, filename = '<sandbox>'): CodeObject {
  const mod = parse(source, filename);
  const symbols = analyzeModule(mod, filename, source);
  constantPass().compileConstants(mod, symbols);
  return compileModule(mod, filename, {
    symbols,
    fold: (e) => {
      const o = (e as ConstNode)._c;
      return o ? fromObject(o) : null;
    },
  });
}
