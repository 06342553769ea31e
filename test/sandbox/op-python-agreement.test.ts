/**
 * The JSON ops and the Python front end answer from one owner: for every kind of object a
 * program can make, the `getsizeof` op equals `sys.getsizeof`, the `getrefcount` op equals
 * `sys.getrefcount`, and the `weakref` op accepts or refuses exactly what `weakref.ref`
 * does. (Issue 7: the op once said 56 for an exception that `sys.getsizeof` measured at 88.)
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox/sandbox.js';

/** One name per kind of object; the program keeps each alive under that name. */
const KINDS: Record<string, string> = {
  l: '[1, 2, 3]', d: "{'a': 1}", t: '(1, [])', s: '{1, 2}', fs: 'frozenset({1})', st: "'héllo' * 3",
  i: '10 ** 30', fl: '1.5', b: "b'abc'", ba: "bytearray(b'xy')", n: 'None', tr: 'True', e: '()',
  small: '7', ch: "'q'", inst: 'C()', slotted: 'S()', cls: 'C', func: 'f', lam: '(lambda: 0)',
  gen: 'g()', exc: "ValueError('x')", myexc: 'MyError()', it: 'iter([1])', rng: 'range(10)',
  bm: 'C().m', wr: 'weakref.ref(C)', prox: 'weakref.proxy(keep)', dv: 'keep_d.keys()',
  mod: 'weakref', sl: 'slice(1, 2)', prop: 'property(f)', sm: 'staticmethod(f)', ty: 'int',
  obj: 'object()', wvd: 'weakref.WeakValueDictionary()', mp: 'C.__dict__', cell: '(lambda: keep).__closure__',
};

/** What `weakref.ref(x)` does in python3 3.11.7 for each kind ('ok' or the exception raised). */
const CPYTHON_WEAKREF: Record<string, string> = Object.fromEntries(
  ('l:TypeError d:TypeError t:TypeError s:ok fs:ok st:TypeError i:TypeError fl:TypeError b:TypeError ' +
    'ba:TypeError n:TypeError tr:TypeError e:TypeError small:TypeError ch:TypeError inst:ok slotted:TypeError ' +
    'cls:ok func:ok lam:ok gen:ok exc:TypeError myexc:ok it:TypeError rng:TypeError bm:ok wr:TypeError ' +
    'prox:TypeError dv:TypeError mod:ok sl:TypeError prop:TypeError sm:TypeError ty:ok obj:TypeError wvd:ok ' +
    'mp:TypeError cell:TypeError').split(' ').map((kv) => kv.split(':') as [string, string]),
);

const PROGRAM = [
  'import sys, weakref',
  'class C:',
  '    def m(self): pass',
  'class S:',
  "    __slots__ = ('a',)",
  'class MyError(Exception): pass',
  'def f(): pass',
  'def g():',
  '    yield 1',
  'keep = C()',
  'keep_d = {1: 2}',
  ...Object.entries(KINDS).map(([k, v]) => `${k} = ${v}`),
].join('\n') + '\n';

describe('JSON ops and Python answer alike for every object kind', () => {
  const sb = new Sandbox();
  const setup = sb.exec(PROGRAM);

  it('runs the set-up program', () => {
    expect(setup.error).toBeNull();
  });

  it.each(Object.keys(KINDS))('%s: getsizeof, getrefcount and weak-referenceability agree', (name) => {
    const py = sb.exec(
      `try:\n    _s = sys.getsizeof(${name})\nexcept Exception as _e:\n    _s = type(_e).__name__\n` +
      `try:\n    _r = sys.getrefcount(${name})\nexcept Exception as _e:\n    _r = type(_e).__name__\n` +
      `try:\n    weakref.ref(${name})\n    _w = 'ok'\nexcept Exception as _e:\n    _w = type(_e).__name__\n` +
      'print(_s, _r, _w)\ndel _s, _r, _w\n',
    );
    expect(py.error).toBeNull();
    const [pySize, pyRefs, pyWeak] = py.stdout.trim().split(' ');
    expect(pyWeak, 'weakref.ref as in CPython').toBe(CPYTHON_WEAKREF[name]);

    const size = sb.apply([{ op: 'getsizeof', target: name }]);
    const opSize = size.error ? size.error.pythonError.type : String((size.results[0] as { size: number }).size);
    expect(opSize, 'getsizeof').toBe(pySize);

    const refs = sb.apply([{ op: 'getrefcount', target: name }]);
    const opRefs = refs.error ? refs.error.pythonError.type : String((refs.results[0] as { refcount: number }).refcount);
    expect(opRefs, 'getrefcount').toBe(pyRefs);

    const weak = sb.apply([{ op: 'weakref', target: name, name: '_wr' }]);
    expect(weak.error ? weak.error.pythonError.type : 'ok', 'weakref').toBe(pyWeak);
    if (!weak.error) sb.apply([{ op: 'del', name: '_wr' }]);
  });
});
