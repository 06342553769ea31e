/**
 * Argument checks of C functions, with the messages CPython 3.11's calling conventions give
 * (Objects/methodobject.c for METH_NOARGS / METH_O / METH_VARARGS, Python/getargs.c and
 * Argument Clinic for keyword parameters, Objects/abstract.c for index conversion). A native
 * calls the check for its convention first, so a bad call fails before any work is done.
 */
import { PyBool, PyInt, type PyObject } from '../objects.js';

export type Kwargs = Map<string, PyObject> | null;
export type Thrower = (type: string, msg: string) => unknown;

/**
 * METH_NOARGS: `gc.enable() takes no arguments (1 given)`; keywords are refused first.
 * `qualified` is the name CPython prints (module-qualified for module functions: "gc.enable").
 */
export function checkNoArgs(err: Thrower, qualified: string, args: PyObject[], kw: Kwargs): void {
  if (kw && kw.size) throw err('TypeError', `${qualified}() takes no keyword arguments`);
  if (args.length) throw err('TypeError', `${qualified}() takes no arguments (${args.length} given)`);
}

/** METH_O: exactly one positional argument, no keywords. */
export function checkOneArg(err: Thrower, qualified: string, args: PyObject[], kw: Kwargs): void {
  if (kw && kw.size) throw err('TypeError', `${qualified}() takes no keyword arguments`);
  if (args.length !== 1) throw err('TypeError', `${qualified}() takes exactly one argument (${args.length} given)`);
}

/** METH_VARARGS parsed by PyArg_ParseTuple / UnpackTuple: no keywords, min..max positionals (bare name). */
export function checkVarArgs(err: Thrower, name: string, args: PyObject[], kw: Kwargs, min = 0, max = Infinity): void {
  if (kw && kw.size) throw err('TypeError', `${name}() takes no keyword arguments`);
  const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  if (args.length < min) throw err('TypeError', `${name}() takes at least ${plural(min)} (${args.length} given)`);
  if (args.length > max) throw err('TypeError', `${name}() takes at most ${plural(max)} (${args.length} given)`);
}

/**
 * Keyword-capable parsing (Argument Clinic / PyArg_ParseTupleAndKeywords) of positional-or-keyword
 * parameters, the first `required` of them required: one slot per parameter (undefined when not
 * given). Checks in getargs.c's order: too many, a required one missing, a bad keyword.
 */
export function clinicArgs(err: Thrower, name: string, params: string[], args: PyObject[], kw: Kwargs, required = 0): (PyObject | undefined)[] {
  const given = args.length + (kw?.size ?? 0);
  if (given > params.length) {
    const n = params.length;
    throw err('TypeError', `${name}() takes at most ${n} argument${n === 1 ? '' : 's'} (${given} given)`);
  }
  const out: (PyObject | undefined)[] = params.map((p, i) => (i < args.length ? args[i] : kw?.get(p)));
  for (let i = args.length; i < required; i++) {
    if (out[i] === undefined) throw err('TypeError', `${name}() missing required argument '${params[i]}' (pos ${i + 1})`);
  }
  for (const k of kw?.keys() ?? []) {
    const i = params.indexOf(k);
    if (i < 0) throw err('TypeError', `'${k}' is an invalid keyword argument for ${name}()`);
    if (i < args.length) throw err('TypeError', `argument for ${name}() given by name ('${k}') and position (${i + 1})`);
  }
  return out;
}

/** The int value of an int/bool (no __index__ on builtin-only values), or null for anything else. */
export function intValue(o: PyObject): bigint | null {
  if (o instanceof PyInt) return BigInt(o.value);
  if (o instanceof PyBool) return o.value ? 1n : 0n;
  return null;
}

const C_INT_MAX = 2n ** 31n - 1n;
const C_LONG_MAX = 2n ** 63n - 1n;

/** _PyLong_AsInt / PyLong_AsLong of an index: TypeError for a non-int, OverflowError past the C type. */
export function asCInt(err: Thrower, o: PyObject, ctype: 'int' | 'long' = 'int'): number {
  const v = intValue(o);
  if (v === null) throw err('TypeError', `'${o.type.name}' object cannot be interpreted as an integer`);
  const max = ctype === 'int' ? C_INT_MAX : C_LONG_MAX;
  if (v > max || v < -max - 1n) throw err('OverflowError', `Python int too large to convert to C ${ctype}`);
  return Number(v);
}

/** PyArg_ParseTuple's "i" format: a C long first, then range-checked into a C int. */
export function parseIntFormat(err: Thrower, o: PyObject): number {
  const v = BigInt(asCInt(err, o, 'long'));
  if (v > C_INT_MAX) throw err('OverflowError', 'signed integer is greater than maximum');
  if (v < -C_INT_MAX - 1n) throw err('OverflowError', 'signed integer is less than minimum');
  return Number(v);
}

/**
 * A parameter list as `def` writes it (for a stdlib function or method heaplab implements
 * natively): the names, how many lead positional-only (before `/`), how many trailing ones have
 * defaults, whether it takes `*args` / `**kwds`, and whether a bound `self` precedes them
 * (counted in "takes N positional arguments", as CPython counts it, but never missing).
 */
export interface PySignature {
  params: string[];
  posOnly?: number;
  defaults?: number;
  star?: boolean;
  starStar?: boolean;
  self?: boolean;
}

/** What a call bound: one slot per parameter (undefined when defaulted), the extra positionals and keywords. */
export interface PyBound {
  slots: (PyObject | undefined)[];
  rest: PyObject[];
  kw: Map<string, PyObject>;
}

/**
 * Binds a call to a function written in Python as CPython does (initialize_locals), with its
 * TypeErrors in its order: too many positionals, a repeated, unexpected or positional-only
 * keyword, missing required arguments. Borrowed references throughout.
 */
export function bindPython(err: Thrower, name: string, sig: PySignature, args: PyObject[], kw: Kwargs): PyBound {
  const { params, posOnly = 0, defaults = 0 } = sig;
  const self = sig.self ? 1 : 0;
  const n = params.length;
  const required = n - defaults;
  if (!sig.star && args.length > n) {
    const takes = defaults ? `from ${required + self} to ${n + self}` : `${n + self}`;
    const plural = n + self === 1 ? '' : 's';
    const given = args.length + self;
    throw err('TypeError', `${name}() takes ${takes} positional argument${plural} but ${given} ${given === 1 ? 'was' : 'were'} given`);
  }
  const slots: (PyObject | undefined)[] = params.map((_, i) => args[i]);
  const extra = new Map<string, PyObject>();
  const posOnlyByName: string[] = [];
  for (const [k, v] of kw ?? []) {
    const i = params.indexOf(k);
    if (i >= posOnly) {
      if (slots[i] !== undefined) throw err('TypeError', `${name}() got multiple values for argument '${k}'`);
      slots[i] = v;
    } else if (sig.starStar) {
      extra.set(k, v);
    } else if (i >= 0) {
      posOnlyByName.push(k);
    } else {
      throw err('TypeError', `${name}() got an unexpected keyword argument '${k}'`);
    }
  }
  if (posOnlyByName.length) {
    throw err('TypeError', `${name}() got some positional-only arguments passed as keyword arguments: '${posOnlyByName.join(', ')}'`);
  }
  const missing = params.slice(0, required).filter((_, i) => slots[i] === undefined).map((p) => `'${p}'`);
  if (missing.length) {
    const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
    throw err('TypeError', `${name}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${list}`);
  }
  return { slots, rest: sig.star ? args.slice(n) : [], kw: extra };
}

/**
 * Binding of a function written in Python with positional-or-keyword parameters only, the
 * first `required` without defaults (bindPython's simplest case). One slot per parameter,
 * undefined when defaulted.
 */
export function pyFunctionArgs(err: Thrower, name: string, params: string[], required: number, args: PyObject[], kw: Kwargs): (PyObject | undefined)[] {
  return bindPython(err, name, { params, defaults: params.length - required }, args, kw).slots;
}
