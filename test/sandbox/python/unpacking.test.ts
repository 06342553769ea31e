/**
 * Unpacking (UNPACK_SEQUENCE / UNPACK_EX's unpack_iterable): CPython's messages, and an
 * endless iterator stops at the item past the targets. Expected output: python3 3.11.7 under
 * the oracle.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const PROGRAM = "def t1():\n    a, b = 1\ndef t2():\n    a, b = [1, 2, 3]\ndef t3():\n    a, b = [1]\ndef t4():\n    a, *b = 5\ndef t5():\n    (a, b), c = 1, 2\ndef t6():\n    a, b, *c = [1]\ndef t7():\n    [a] = None\ndef t8():\n    a, b = 'xyz'\ndef t9():\n    for x, y in [1]: pass\nfor f in (t1, t2, t3, t4, t5, t6, t7, t8, t9):\n    try:\n        f()\n    except (TypeError, ValueError) as e:\n        print(type(e).__name__, e)\ndef endless():\n    n = 0\n    while True:\n        n += 1\n        yield n\ng = endless()\ntry:\n    a, b = g\nexcept ValueError as e:\n    print(e, next(g))\na, *rest = range(4)\nprint(a, rest)\nx, y = {'k': 1, 'j': 2}\nprint(x, y)\np, q = 'ab'\nprint(p, q)\nimport sys\nclass Seq:\n    def __getitem__(self, i):\n        if i < 2: return i * 10\n        raise IndexError\nm, n = Seq()\nprint(m, n)\nclass NotIt:\n    __iter__ = None\ntry:\n    u, w = NotIt()\nexcept TypeError as e:\n    print(e)\n";

const CPYTHON = "TypeError cannot unpack non-iterable int object\nValueError too many values to unpack (expected 2)\nValueError not enough values to unpack (expected 2, got 1)\nTypeError cannot unpack non-iterable int object\nTypeError cannot unpack non-iterable int object\nValueError not enough values to unpack (expected at least 2, got 1)\nTypeError cannot unpack non-iterable NoneType object\nValueError too many values to unpack (expected 2)\nTypeError cannot unpack non-iterable int object\ntoo many values to unpack (expected 2) 4\n0 [1, 2, 3]\nk j\na b\n0 10\n'NotIt' object is not iterable\n";

describe('unpacking', () => {
  it('says what CPython says and reads no further than it does', () => {
    const r = new Sandbox().exec(PROGRAM);
    expect(r.error).toBeNull();
    expect(r.stdout).toBe(CPYTHON);
  });
});

describe('list() and tuple() of an object with __iter__ and __len__', () => {
  it('take the iterator first and the length once, as list_extend and PySequence_Tuple do', () => {
    const r = new Sandbox().exec("class C:\n    def __iter__(self):\n        print('iter'); return iter([1, 2])\n    def __len__(self):\n        print('len'); return 2\nprint(list(C()))\nprint(tuple(C()))\nprint(sorted(C()))\nl = [0]; l.extend(C()); print(l)\nprint(set(C()), dict.fromkeys(C()))\nprint(''.join(str(x) for x in C()))\nimport sys, gc\nt = tuple([1, 2, 3]); print(t, sys.getsizeof(t))\nprint(tuple(range(3)), tuple('ab'), tuple({1: 2}))\n");
    expect(r.error).toBeNull();
    // python3 3.11.7 printed under the oracle:
    expect(r.stdout).toBe("iter\nlen\n[1, 2]\niter\nlen\n(1, 2)\niter\nlen\n[1, 2]\niter\nlen\n[0, 1, 2]\niter\niter\n{1, 2} {1: None, 2: None}\niter\n12\n(1, 2, 3) 64\n(0, 1, 2) ('a', 'b') (1,)\n");
  });
});
