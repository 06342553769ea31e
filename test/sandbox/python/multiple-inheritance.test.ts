/**
 * Multiple inheritance: C3 MRO, best base, class-creation errors, refcounts and gc.
 * Expected outputs: python3 3.11.7 running each program as prog.py under the oracle.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

function run(src: string): string {
  const r = new Sandbox().exec(src);
  return (r.stdout + r.stderr).replaceAll('<sandbox>', 'prog.py');
}

const CASES: [string, string, string][] = [
  ["C3 MRO, super() along it, mro(), __bases__/__base__, the TypeErrors for inconsistent MRO, duplicate bases and layout conflicts, refcounts of bases, a mixin with an exception base",
    "import gc, sys\nclass A:\n    def who(self): return 'A'\n    def hello(self): return 'A.hello'\nclass B(A):\n    def who(self): return 'B>' + super().who()\nclass C(A):\n    def who(self): return 'C>' + super().who()\n    def hello(self): return 'C.hello'\nclass D(B, C):\n    def who(self): return 'D>' + super().who()\nd = D()\nprint(d.who(), d.hello())\nprint(D.__mro__)\nprint(D.mro())\nprint(D.__bases__, D.__base__)\nprint(isinstance(d, C), issubclass(D, A))\ntry:\n    class X(A, B): pass\nexcept TypeError as e:\n    print('TypeError:', e)\ntry:\n    class Y(A, A): pass\nexcept TypeError as e:\n    print('TypeError:', e)\nclass M1: pass\nclass M2: pass\nclass Z(M1, M2):\n    pass\nprint(sys.getrefcount(M1), sys.getrefcount(M2), sys.getrefcount(Z))\nprint(sys.getsizeof(Z()))\ndel Z\nprint(gc.collect())\nclass S1:\n    __slots__ = ('a',)\nclass S2:\n    __slots__ = ('b',)\ntry:\n    class S3(S1, S2): pass\nexcept TypeError as e:\n    print('TypeError:', e)\nclass Mixin:\n    def describe(self): return 'mixin ' + str(self)\nclass MyErr(Mixin, ValueError):\n    pass\ntry:\n    raise MyErr('bad')\nexcept ValueError as e:\n    print(e.describe(), MyErr.__mro__)\nclass P: pass\nclass Q(P): pass\ntry:\n    class R(P, Q): pass\nexcept TypeError as e:\n    print('TypeError:', e)\nclass E1(A): pass\nclass E2(B): pass\nclass F1(E1, E2): pass\nprint(F1.__mro__)\n",
    "D>B>C>A C.hello\n(<class '__main__.D'>, <class '__main__.B'>, <class '__main__.C'>, <class '__main__.A'>, <class 'object'>)\n[<class '__main__.D'>, <class '__main__.B'>, <class '__main__.C'>, <class '__main__.A'>, <class 'object'>]\n(<class '__main__.B'>, <class '__main__.C'>) <class '__main__.B'>\nTrue True\nTypeError: Cannot create a consistent method resolution\norder (MRO) for bases A, B\nTypeError: duplicate base class A\n8 7 3\n56\n3\nTypeError: multiple bases have instance lay-out conflict\nmixin bad (<class '__main__.MyErr'>, <class '__main__.Mixin'>, <class 'ValueError'>, <class 'Exception'>, <class 'BaseException'>, <class 'object'>)\nTypeError: Cannot create a consistent method resolution\norder (MRO) for bases P, Q\n(<class '__main__.F1'>, <class '__main__.E1'>, <class '__main__.E2'>, <class '__main__.B'>, <class '__main__.A'>, <class 'object'>)\n"],
  ["cooperative __init__ through a diamond; a slotted base with a plain mixin; a cycle through an instance of a class with two bases",
    "import sys, gc\nclass Base:\n    def __init__(self, **kw):\n        print('Base.__init__')\nclass Left(Base):\n    def __init__(self, **kw):\n        print('Left.__init__')\n        super().__init__(**kw)\nclass Right(Base):\n    def __init__(self, **kw):\n        print('Right.__init__')\n        super().__init__(**kw)\nclass Child(Left, Right):\n    def __init__(self):\n        print('Child.__init__')\n        super().__init__()\nc = Child()\nprint([k.__name__ for k in Child.__mro__])\nprint(sys.getsizeof(c), sys.getrefcount(Base))\nclass S:\n    __slots__ = ('a',)\nclass M:\n    def hi(self): return 'hi'\nclass SM(S, M):\n    pass\nx = SM(); x.a = 1; x.b = 2\nprint(x.a, x.b, x.hi(), sys.getsizeof(x), SM.__base__)\nclass Fin:\n    def __init__(self, n): self.n = n\n    def __del__(self): print('del', self.n)\nclass P1:\n    pass\nclass P2:\n    pass\nclass PP(P1, P2):\n    pass\no = PP(); o.f = Fin(1); o.me = o\ndel o\nprint(gc.collect())\n",
    "Child.__init__\nLeft.__init__\nRight.__init__\nBase.__init__\n['Child', 'Left', 'Right', 'Base', 'object']\n56 12\n1 2 hi 64 <class '__main__.S'>\ndel 1\n2\n"],
];

describe('multiple inheritance', () => {
  for (const [title, src, cpython] of CASES) {
    it(title, () => {
      expect(run(src)).toBe(cpython);
    });
  }
});
