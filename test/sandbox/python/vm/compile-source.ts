/**
 * Compile Python source with heaplab's bytecode compiler exactly as the product does
 * (sandbox/python/vm/compile.ts: parse, scope analysis, the constant pass, the compiler).
 */
import type { CodeObject } from '../../../../sandbox/python/vm/code.js';
import { compileProgram } from '../../../../sandbox/python/vm/compile.js';

export function compileSource(source: string, filename = '<sandbox>'): CodeObject {
  return compileProgram(source, filename).code;
}
