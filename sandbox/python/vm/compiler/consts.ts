/**
 * Constants as the compiler holds them (code.ts's CodeConst): CPython's constant keys
 * (_PyCode_ConstantKey: equal type and value, so 1, 1.0 and True are three constants and
 * 0.0 and -0.0 two), their truth (for the optimizer's constant tests), and the conversion
 * of what constants.ts folded (heap objects) into plain data.
 */
import { PyComplex } from '../../../complex.js';
import type { CodeConst } from '../code.js';
import type { ConstValue } from '../../ast.js';
import { Ellipsis, False, None, PyBytes, PyFloat, PyInt, PyStr, PyTuple, True, type PyObject } from '../../../objects.js';
import { UnsupportedError } from '../../scope.js';

/** A float's key text: distinguishes -0.0 from 0.0 and keeps NaN equal to itself (by bits). */
function floatKey(x: number): string {
  if (Object.is(x, -0)) return '-0';
  return Number.isNaN(x) ? 'nan' : String(x);
}

/** _PyCode_ConstantKey as a string: equal keys are one constant of the compilation. */
export function constKey(c: CodeConst): string {
  switch (c.kind) {
    case 'None': case 'Ellipsis': return c.kind;
    case 'bool': return `b:${c.value}`;
    case 'int': return `i:${c.value}`;
    case 'float': return `f:${floatKey(c.value)}`;
    case 'complex': return `c:${floatKey(c.real)},${floatKey(c.imag)}`;
    case 'str': return `s:${JSON.stringify(c.value)}`;
    case 'bytes': return `y:${c.value.join(',')}`;
    case 'tuple': return `t:(${c.items.map(constKey).join(';')})`;
    case 'frozenset': return `z:{${c.items.map(constKey).sort().join(';')}}`;
    case 'code': return `code:${codeIds.get(c.code) ?? newCodeId(c.code)}`;
  }
}

/** Code objects are keyed by identity. */
const codeIds = new WeakMap<object, number>();
let nextCodeId = 0;
function newCodeId(o: object): number {
  const id = nextCodeId++;
  codeIds.set(o, id);
  return id;
}

/** PyObject_IsTrue of a constant. */
export function constTruth(c: CodeConst): boolean {
  switch (c.kind) {
    case 'None': return false;
    case 'Ellipsis': case 'code': return true;
    case 'bool': return c.value;
    case 'int': return c.value !== 0n;
    case 'float': return c.value !== 0;
    case 'complex': return c.real !== 0 || c.imag !== 0;
    case 'str': return c.value.length > 0;
    case 'bytes': return c.value.length > 0;
    case 'tuple': case 'frozenset': return c.items.length > 0;
  }
}

/** A literal of the AST as a constant. */
export function fromConstValue(v: ConstValue): CodeConst {
  switch (v.kind) {
    case 'none': return { kind: 'None' };
    case 'ellipsis': return { kind: 'Ellipsis' };
    case 'bool': return { kind: 'bool', value: v.value };
    case 'int': return { kind: 'int', value: v.value };
    case 'float': return { kind: 'float', value: v.value };
    case 'complex': return { kind: 'complex', real: v.real, imag: v.imag };
    case 'str': return { kind: 'str', value: v.value };
    case 'bytes': return { kind: 'bytes', value: [...v.value] };
  }
}

/** A constant constants.ts folded (a heap object) as plain data. */
export function fromObject(o: PyObject): CodeConst {
  if (o === None) return { kind: 'None' };
  if (o === Ellipsis) return { kind: 'Ellipsis' };
  if (o === True) return { kind: 'bool', value: true };
  if (o === False) return { kind: 'bool', value: false };
  if (o instanceof PyInt) return { kind: 'int', value: BigInt(o.value) };
  if (o instanceof PyFloat) return { kind: 'float', value: o.value };
  if (o instanceof PyStr) return { kind: 'str', value: o.value };
  if (o instanceof PyBytes) return { kind: 'bytes', value: [...o.value] };
  if (o instanceof PyTuple) return { kind: 'tuple', items: o.items.map(fromObject) };
  if (o instanceof PyComplex) return { kind: 'complex', real: o.re, imag: o.im };
  throw new UnsupportedError(`a folded constant of type ${o.type.name} in the bytecode compiler`, 0);
}
