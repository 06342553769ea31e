/**
 * Private name mangling (_Py_Mangle) and nested classes' __qualname__; every expected output is
 * what python3 (3.11.7) printed for the same program under the oracle (addresses masked).
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';
import { mangle } from '../../../sandbox/python/mangle.js';

const CASES: { name: string; program: string; cpython: string }[] = [
  {
    name: "private_names",
    program: "__g = 'module-level'\nclass Account:\n    __count = 0\n    def __init__(self, owner, balance):\n        self.owner = owner\n        self.__balance = balance\n        Account.__count += 1\n    def __secret(self):\n        return 'secret of ' + self.owner\n    def reveal(self):\n        return self.__secret()\n    def deposit(self, __amount):\n        self.__balance += __amount\n        return self.__balance\n    def missing(self):\n        return self.__nothere\n    def helper(self):\n        f = lambda __v: __v * 2\n        return f(self.__balance), [self.__balance + i for i in range(2)]\n    def glob(self):\n        global __g\n        return __g\n    class __Inner:\n        __z = 1\n        def z(self):\n            return self.__z\n    def inner(self):\n        return self.__Inner().z()\na = Account('ann', 10)\nprint(sorted(vars(a)), a.deposit(5), a.reveal())\nprint(Account._Account__count, '_Account__secret' in Account.__dict__, Account._Account__secret.__name__, Account._Account__secret.__qualname__)\ntry:\n    a.missing()\nexcept AttributeError as e:\n    print(e)\nprint(a.helper(), a.inner(), Account._Account__Inner.__name__, Account._Account__Inner.__qualname__)\ntry:\n    print(a.glob())\nexcept NameError as e:\n    print('NameError', e)\nclass _:\n    __x = 5\nprint(_.__dict__.get('__x'))\nclass __Under:\n    __y = 6\nprint(__Under.__dict__.get('_Under__y'))\nclass S:\n    __slots__ = ('__p', 'q')\n    def __init__(self):\n        self.__p = 1\ns = S()\nprint(S.__slots__, s._S__p, sorted(k for k in S.__dict__ if not k.startswith('__')))\ndef outer():\n    __local = 3\n    return __local\nprint(outer())\nprint(a._Account__balance)\n",
    cpython: "['_Account__balance', 'owner'] 15 secret of ann\n1 True __secret Account.__secret\n'Account' object has no attribute '_Account__nothere'\n(30, [15, 16]) 1 __Inner Account.__Inner\nNameError name '_Account__g' is not defined\n5\n6\n('__p', 'q') 1 ['_S__p', 'q']\n3\n15\n",
  },
  {
    name: "nested_class_qualname",
    program: "class A:\n    class B:\n        pass\n    def f(self):\n        class C: pass\n        return C\nprint(A.B.__qualname__, A().f().__qualname__)\nclass A:\n    class B:\n        pass\nprint(repr(A.B), str(A.B), repr(A.B())[:22], A.B.__name__)\nimport weakref\nprint(repr(weakref.ref(A.B()))[:40])\ntry:\n    A.B()()\nexcept TypeError as e: print(e)\n",
    cpython: "A.B A.f.<locals>.C\n<class '__main__.A.B'> <class '__main__.A.B'> <__main__.A.B object a B\n<weakref at 0x?; dead>\n'B' object is not callable\n",
  },
];

const mask = (s: string): string => s.replace(/0x[0-9a-f]+/g, '0x?');

describe('private names and nested classes as CPython 3.11 compiles them', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = new Sandbox().exec(c.program);
      expect(r.error).toBeNull();
      expect(mask(r.stdout)).toBe(c.cpython);
    });
  }

  it('mangle follows _Py_Mangle', () => {
    // python3: `class __A: __x = 1` binds '_A__x'; `class ___: __x = 1` binds '__x' (nothing left to prefix).
    expect(mangle('A', '__x')).toBe('_A__x');
    expect(mangle('__A', '__x')).toBe('_A__x');
    expect(mangle('___', '__x')).toBe('__x');
    expect(mangle('A', '__x__')).toBe('__x__');
    expect(mangle('A', '_x')).toBe('_x');
    expect(mangle('A', '__a.b')).toBe('__a.b');
    expect(mangle(null, '__x')).toBe('__x');
  });
});
