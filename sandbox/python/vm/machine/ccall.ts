/**
 * Which calls from the eval loop are a C-level recursion of CPython 3.11
 * (Py_EnterRecursiveCall(" while calling a Python object")), counted in the one recursion
 * depth with the Python frames.
 *
 * CPython 3.11 enters one for a call of a C function (cfunction_vectorcall_*, a method
 * descriptor's vectorcall) and for a call through tp_call (_PyObject_MakeTpCall: a class
 * without tp_vectorcall, an instance with `__call__`); not for a Python function (its frame
 * is the level) nor for a type with tp_vectorcall. The specializer changes that: once a
 * code object is quickened (its 8th RESUME or JUMP_BACKWARD, QUICKENING_WARMUP_DELAY), a
 * call site specializes on its first run, and the specialized forms PRECALL_NO_KW_LEN,
 * _ISINSTANCE, _STR_1, _TUPLE_1, _TYPE_1, _LIST_APPEND and PRECALL_BUILTIN_FAST(_WITH_KEYWORDS),
 * _METHOD_DESCRIPTOR_FAST call the C function without entering; PRECALL_NO_KW_BUILTIN_O and
 * _METHOD_DESCRIPTOR_O/_NOARGS still enter. The tables below are python3's (ml_flags of
 * METH_O / METH_NOARGS read with ctypes, tp_vectorcall != NULL).
 */
import { PyNative, PyType, type PyObject } from '../../../objects.js';
import { PyFunction, PyMethod } from '../../pyobjects.js';

/** A code object is quickened at its 8th RESUME or JUMP_BACKWARD (3.11's co_warmup). */
export const QUICKENING_WARMUP_DELAY = 8;

/** The builtins module's METH_O / METH_NOARGS functions (len aside: PRECALL_NO_KW_LEN). */
const BUILTIN_O = new Set(['abs', 'aiter', 'all', 'any', 'ascii', 'bin', 'callable', 'chr', 'globals', 'hash', 'hex', 'id', 'locals', 'oct', 'ord', 'repr']);

/** METH_O / METH_NOARGS methods of builtin types, by type name (list.append aside: PRECALL_NO_KW_LIST_APPEND). */
const METHOD_O: Record<string, ReadonlySet<string>> = {
  list: new Set(['__getitem__', '__reversed__', '__sizeof__', 'clear', 'copy', 'count', 'extend', 'remove', 'reverse']),
  dict: new Set(['__contains__', '__getitem__', '__reversed__', '__sizeof__', 'clear', 'copy', 'items', 'keys', 'popitem', 'values']),
  set: new Set(['__contains__', '__reduce__', '__sizeof__', 'add', 'clear', 'copy', 'discard', 'isdisjoint', 'issubset', 'issuperset', 'pop', 'remove', 'symmetric_difference', 'symmetric_difference_update']),
  frozenset: new Set(['__contains__', '__reduce__', '__sizeof__', 'copy', 'isdisjoint', 'issubset', 'issuperset', 'symmetric_difference']),
  tuple: new Set(['__getnewargs__', 'count']),
  str: new Set(['__format__', '__getnewargs__', '__sizeof__', 'capitalize', 'casefold', 'format_map', 'isalnum', 'isalpha', 'isascii', 'isdecimal', 'isdigit', 'isidentifier', 'islower', 'isnumeric', 'isprintable', 'isspace', 'istitle', 'isupper', 'join', 'lower', 'partition', 'removeprefix', 'removesuffix', 'rpartition', 'swapcase', 'title', 'translate', 'upper', 'zfill']),
  int: new Set(['__ceil__', '__floor__', '__format__', '__getnewargs__', '__sizeof__', '__trunc__', 'as_integer_ratio', 'bit_count', 'bit_length', 'conjugate']),
  float: new Set(['__ceil__', '__floor__', '__format__', '__getnewargs__', '__trunc__', 'as_integer_ratio', 'conjugate', 'hex', 'is_integer']),
  object: new Set(['__dir__', '__format__', '__getstate__', '__reduce__', '__reduce_ex__', '__sizeof__']),
};

/** Builtin types with tp_vectorcall: calling one never enters a recursion level. */
const VECTORCALL_TYPES = new Set(['list', 'tuple', 'dict', 'set', 'frozenset', 'range', 'float', 'bool', 'type', 'enumerate', 'map', 'filter', 'reversed', 'super']);

/** Specialized one-argument class calls (PRECALL_NO_KW_STR_1, _TUPLE_1, _TYPE_1). */
const CLASS_1 = new Set(['str', 'tuple', 'type']);

/**
 * Whether calling `callable` (with `self` the object a LOAD_METHOD found it on, else null)
 * from a frame of a code object that is `quickened` enters a C-level recursion level.
 * Invariant: false for a Python function or a bound Python method (their frame is the level).
 */
export function callEntersRecursion(callable: PyObject, self: PyObject | null, nargs: number, hasKw: boolean, quickened: boolean): boolean {
  if (callable instanceof PyFunction) return false;
  if (callable instanceof PyMethod) return !(callable.func instanceof PyFunction);
  if (callable instanceof PyType) {
    if (!callable.isHeapType && VECTORCALL_TYPES.has(callable.name)) return false;
    return !(quickened && !hasKw && nargs === 1 && !callable.isHeapType && CLASS_1.has(callable.name));
  }
  if (!(callable instanceof PyNative)) return true;
  if (!quickened) return true;
  const owner = self ?? callable.self;
  if (callable.method === null && owner === null) {
    if (callable.name === 'len' || callable.name === 'isinstance') return false;
    return BUILTIN_O.has(callable.name);
  }
  if (owner === null) return true;
  if (callable.name === 'append' && owner.type.name === 'list' && !owner.type.isHeapType) return false;
  for (const t of owner.type.mro) {
    if (!t.isHeapType) return METHOD_O[t.name]?.has(callable.name) ?? false;
  }
  return false;
}
