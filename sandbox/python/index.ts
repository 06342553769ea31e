/**
 * The Python front end's exec hook: `new Sandbox().exec(code)` parses and runs the code
 * with one interpreter per sandbox runtime (notebook semantics: module globals and
 * definitions persist across exec calls). sandbox.ts installs it as its default front end
 * (it imports this module rather than the other way round, so there is no import cycle).
 */
import type { ExecHook } from '../apply.js';
import { interpreterFor } from './interpreter.js';
import { execTraced } from './steps.js';

export const pythonExecHook: ExecHook = (rt, code, trace) =>
  trace ? { ...execTraced(rt, code, trace.maxSteps) } : interpreterFor(rt).exec(code);

export { interpreterFor };
