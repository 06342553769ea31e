/**
 * Compiling a program for the machine, as the product does it: parse, scope analysis
 * (scope.ts), the SyntaxWarnings CPython's compiler prints (syntax-warnings.ts), the
 * constant pass (constants.ts owns folding: `'a' * 3`, `-1`, `(1, 2)`), then the bytecode
 * compiler, which takes each folded expression's constant from that pass.
 *
 * The constant pass makes heap objects; it runs on a scratch runtime of its own, never on
 * the sandbox's heap (the machine makes the program's constants when it loads the code,
 * as CPython's code object holds them). Its result depends only on the source, so the
 * compile is deterministic and replay stays exact.
 */
import { type ConstNode, foldsToConstant } from '../constants.js';
import { interpreterFor } from '../interpreter.js';
import { parse } from '../parser.js';
import { analyzeModule } from '../scope.js';
import { SandboxRuntime } from '../../runtime.js';
import type { CodeObject } from './code.js';
import { compileModule, fromObject } from './compiler/index.js';
import { compileWarnings } from '../syntax-warnings.js';

/** A compiled program and the SyntaxWarnings its compile printed ('' for none). */
export interface Compiled {
  readonly code: CodeObject;
  readonly warnings: string;
}

/** The scratch runtime the constant passes run on, renewed now and then to drop its objects. */
let scratch: { rt: SandboxRuntime; uses: number } | null = null;

function constantPass(): ReturnType<typeof interpreterFor> {
  if (!scratch || scratch.uses >= 50) scratch = { rt: new SandboxRuntime(), uses: 0 };
  scratch.uses++;
  return interpreterFor(scratch.rt);
}

/**
 * Compile `source` to its module code object. Throws PySyntaxError for a program CPython
 * would not compile and UnsupportedError for a construct heaplab lacks.
 */
export function compileProgram(source: string, filename = '<sandbox>'): Compiled {
  const mod = parse(source, filename);
  const symbols = analyzeModule(mod, filename, source);
  const warnings = compileWarnings(mod, source, filename, foldsToConstant);
  constantPass().compileConstants(mod, symbols);
  const code = compileModule(mod, filename, {
    symbols,
    fold: (e) => {
      const o = (e as ConstNode)._c;
      return o ? fromObject(o) : null;
    },
  });
  return { code, warnings };
}
