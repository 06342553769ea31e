/**
 * The Python front end's exec hook: `new Sandbox().exec(code)` parses and runs the code
 * with one interpreter per sandbox runtime (notebook semantics: module globals and
 * definitions persist across exec calls), on the executor the sandbox was made with.
 * sandbox.ts installs it as its default front end (it imports this module rather than the
 * other way round, so there is no import cycle).
 */
import type { ExecHook } from '../apply.js';
import { interpreterFor } from './interpreter.js';
import { execProgram } from './vm/exec.js';

export const pythonExecHook: ExecHook = (rt, code) => {
  const I = interpreterFor(rt);
  return I.executor === 'machine' ? execProgram(I, code) : I.exec(code);
};

export { interpreterFor };
