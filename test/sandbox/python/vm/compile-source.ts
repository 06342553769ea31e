/**
 * Compile Python source with heaplab's bytecode compiler the way the product will: parse,
 * scope analysis (scope.ts), the constant pass (constants.ts: folding, owned there), then
 * the compiler, which takes each folded expression's constant from that pass.
 */
import { parse } from '../../../../sandbox/python/parser.js';
import { analyzeModule } from '../../../../sandbox/python/scope.js';
import type { ConstNode } from '../../../../sandbox/python/constants.js';
import { interpreterFor } from '../../../../sandbox/python/interpreter.js';
import { SandboxRuntime } from '../../../../sandbox/runtime.js';
import type { CodeObject } from '../../../../sandbox/python/vm/code.js';
import { compileModule, fromObject } from '../../../../sandbox/python/vm/compiler/index.js';

/** One interpreter does the constant passes (a fresh one per program costs its builtins). */
let shared: { rt: SandboxRuntime; uses: number } | null = null;

function constantPass(): ReturnType<typeof interpreterFor> {
  if (!shared || shared.uses >= 50) shared = { rt: new SandboxRuntime(), uses: 0 };
  shared.uses++;
  return interpreterFor(shared.rt);
}

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
