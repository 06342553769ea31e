/**
 * The parts of the `sys` module that report interpreter state rather than memory:
 * the exception being handled (exc_info, exception), the default encoding, int_info, and
 * the thread switch interval (kept, never used: a sandbox runs one thread).
 */
import { None, PyBool, PyFloat, PyInt, type PyObject } from '../../objects.js';
import type { PyModule } from '../pyobjects.js';
import type { Builtins } from '../builtins.js';
import { StructSeqType, newStructSeq } from './structseq.js';

/** sys.int_info's type and CPython 3.11's values on 64-bit Linux (30-bit digits). */
const intInfoType = new StructSeqType('int_info', 'sys', ['bits_per_digit', 'sizeof_digit', 'default_max_str_digits', 'str_digits_check_threshold']);
/** sys.version_info: the CPython this sandbox stands for, 3.11.7 final. */
const versionInfoType = new StructSeqType('version_info', 'sys', ['major', 'minor', 'micro', 'releaselevel', 'serial']);
const INT_INFO = [30, 4, 4300, 640];

/** The switch interval CPython starts with: 5000 µs. */
const DEFAULT_SWITCH_INTERVAL_US = 5000;

/** Add exc_info, exception, getdefaultencoding and get/setswitchinterval to `sys`. */
export function installSysState(b: Builtins, sys: PyModule): void {
  const I = b.I;
  const heap = b.heap;
  /** A builtin function of sys taking no arguments (its TypeError names it `sys.<name>()`). */
  const noArgs = (name: string, impl: () => PyObject): void => {
    sys.attrs.set(name, b.native(name, (args) => {
      if (args.length) throw b.err('TypeError', `sys.${name}() takes no arguments (${args.length} given)`);
      return impl();
    }));
  };
  /** The exception being handled (the top of the exc_info stack), or null. */
  const handled = (): PyObject | null => I.excStack[I.excStack.length - 1]?.exc ?? null;

  noArgs('exc_info', () => {
    const e = handled();
    if (!e) return I.tupleOwned([None, None, None]);
    const tb = I.excTraceback(e) ?? None;
    for (const x of [e.type, e, tb]) heap.incref(x);
    return I.tupleOwned([e.type, e, tb]);
  });
  noArgs('exception', () => {
    const e = handled() ?? None;
    heap.incref(e);
    return e;
  });
  noArgs('getdefaultencoding', () => b.str('utf-8'));
  sys.attrs.set('int_info', newStructSeq(b, intInfoType, INT_INFO.map((n) => b.int(n))));
  sys.attrs.set('version_info', newStructSeq(b, versionInfoType, [b.int(3), b.int(11), b.int(7), b.str('final'), b.int(0)]));

  // Stored in whole microseconds, as CPython does, so reading back rounds the same way.
  let switchIntervalUs = DEFAULT_SWITCH_INTERVAL_US;
  noArgs('getswitchinterval', () => I.float(1e-6 * switchIntervalUs));
  sys.attrs.set('setswitchinterval', b.native('setswitchinterval', (args) => {
    if (args.length !== 1) throw b.err('TypeError', `sys.setswitchinterval() takes exactly one argument (${args.length} given)`);
    const a = args[0]!;
    let v: number;
    if (a instanceof PyFloat) v = a.value;
    else if (a instanceof PyInt) v = Number(a.value);
    else if (a instanceof PyBool) v = a.value ? 1 : 0;
    else throw b.err('TypeError', `must be real number, not ${a.type.name}`);
    if (!(v > 0)) throw b.err('ValueError', 'switch interval must be strictly positive');
    switchIntervalUs = Math.floor(1e6 * v);
    return b.none();
  }));
}
