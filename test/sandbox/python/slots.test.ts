/**
 * __slots__: instance layout, sizes, errors, member descriptors, gc and deallocation order.
 * Expected outputs: python3 3.11.7 running each program as prog.py under the oracle.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

function run(src: string): string {
  const r = new Sandbox().exec(src);
  return (r.stdout + r.stderr).replaceAll('<sandbox>', 'prog.py');
}

const CASES: [string, string, string][] = [
  ["no __dict__, sizes (48/40/48/56/72), AttributeError messages, member descriptors, weakref refusal, a cycle through slots collected, slot values freed in order",
    "import sys, gc, weakref\nclass P:\n    __slots__ = ('x', 'y')\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\np = P(1, 2)\nprint(sys.getsizeof(p), p.__sizeof__(), P.x, type(P.x).__name__, P.__slots__)\nprint(hasattr(p, '__dict__'), gc.is_tracked(p))\ntry:\n    p.z = 3\nexcept AttributeError as e:\n    print('AttributeError:', e)\nq = P.__new__(P)\ntry:\n    q.x\nexcept AttributeError as e:\n    print('AttributeError:', e)\ntry:\n    del q.y\nexcept AttributeError as e:\n    print('AttributeError:', e)\ntry:\n    weakref.ref(p)\nexcept TypeError as e:\n    print('TypeError:', e)\nclass E:\n    __slots__ = ()\nclass One:\n    __slots__ = 'a'\nclass W:\n    __slots__ = ('a', '__weakref__')\nclass D:\n    __slots__ = ('a', '__dict__')\nprint(sys.getsizeof(E()), sys.getsizeof(One()), sys.getsizeof(W()), sys.getsizeof(D()))\nw = W(); r = weakref.ref(w); print(r() is w)\nd = D(); d.a = 1; d.b = 2; print(d.__dict__)\nprint(P.__dict__.keys())\nclass Sub(P):\n    pass\ns = Sub(1, 2); s.z = 5; print(s.z, sys.getsizeof(s), s.__dict__)\nclass Sub2(P):\n    __slots__ = ('z',)\nprint(sys.getsizeof(Sub2(1, 2)))\nclass N:\n    __slots__ = ('v', 'nxt')\n    def __del__(self): print('del', self.v)\na = N(); a.v = 'a'; b = N(); b.v = 'b'\na.nxt = b; b.nxt = a\ndel a, b\nprint(gc.collect())\nclass V:\n    __slots__ = ('p', 'q')\n    def __init__(self, name): self.p = name\nclass Fin:\n    def __init__(self, n): self.n = n\n    def __del__(self): print('fin', self.n)\nv = V('x'); v.p = Fin(1); v.q = Fin(2)\ndel v\nprint(sys.getrefcount(p), repr(P.x)[:20])\ntry:\n    class Bad:\n        __slots__ = ('x',)\n        x = 5\nexcept ValueError as e:\n    print('ValueError:', e)\np.x = 10; del p.x\ntry: p.x\nexcept AttributeError as e: print('AttributeError:', e)\nprint(P.x.__get__(p) if False else 'ok')\n",
    "48 32 <member 'x' of 'P' objects> member_descriptor ('x', 'y')\nFalse True\nAttributeError: 'P' object has no attribute 'z'\nAttributeError: 'P' object has no attribute 'x'\nAttributeError: y\nTypeError: cannot create weak reference to 'P' object\n32 40 48 56\nTrue\n{'b': 2}\ndict_keys(['__module__', '__slots__', '__init__', 'x', 'y', '__doc__'])\n5 72 {'z': 5}\n56\ndel a\ndel b\n2\nfin 1\nfin 2\n2 <member 'x' of 'P' o\nValueError: 'x' in __slots__ conflicts with class variable\nAttributeError: 'P' object has no attribute 'x'\nok\n"],
  ["slots are sorted and freed most-derived class first; classes with slots collect one member per slot; bad __slots__ errors",
    "import gc, sys\nclass A:\n    __slots__ = ('b', 'a', 'c')\n    def __init__(self):\n        self.b = F('b'); self.a = F('a'); self.c = F('c')\nclass F:\n    def __init__(self, n): self.n = n\n    def __del__(self): print('del', self.n)\nx = A()\nprint(A.__dict__.keys())\nprint([type(r).__name__ for r in gc.get_referents(x)])\ndel x\nclass B(A):\n    __slots__ = ('z', 'd')\n    def __init__(self):\n        super().__init__(); self.z = F('z'); self.d = F('d')\ny = B()\ndel y\ngc.collect()\nclass C: __slots__ = ('p',)\ndel C\nprint(gc.collect())\nclass D: pass\ndel D\nprint(gc.collect())\ntry:\n    class G:\n        __slots__ = ('1x',)\nexcept TypeError as e: print('TypeError:', e)\ntry:\n    class H:\n        __slots__ = 5\nexcept TypeError as e: print('TypeError:', e)\nclass I:\n    __slots__ = ['q']\ni = I()\ntry:\n    i.__dict__\nexcept AttributeError as e: print('AttributeError:', e)\nprint(sys.getsizeof(i), i.__sizeof__())\nprint(gc.is_tracked(i))\n",
    "dict_keys(['__module__', '__slots__', '__init__', 'a', 'b', 'c', '__doc__'])\n['F', 'F', 'F', 'type']\ndel a\ndel b\ndel c\ndel d\ndel z\ndel a\ndel b\ndel c\n5\n6\nTypeError: __slots__ must be identifiers\nTypeError: 'int' object is not iterable\nAttributeError: 'I' object has no attribute '__dict__'\n40 24\nTrue\n"],
  ["tracemalloc sees a slotted instance as one 48-byte block (no values array); referents; __weakref__ slot; subclass with a dict",
    "import sys, gc, weakref, tracemalloc\nclass P:\n    __slots__ = ('x', 'y')\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\nclass Q:\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\ntracemalloc.start()\nps = [P(i, i) for i in range(100)]\nqs = [Q(i, i) for i in range(100)]\nsnap = tracemalloc.take_snapshot()\nfor st in snap.statistics('lineno'):\n    if 'tracemalloc' not in str(st):\n        print(st)\ntracemalloc.stop()\nprint(sys.getrefcount(P), sys.getrefcount(ps[0]))\na = P([], {})\nprint(gc.get_referents(a))\nclass W:\n    __slots__ = ('a', '__weakref__')\nw = W()\nr = weakref.ref(w)\nprint(r() is w, weakref.getweakrefcount(w))\ndel w\nprint(r())\nclass Sub(P):\n    def __init__(self):\n        super().__init__(1, 2)\n        self.z = 3\ns = Sub()\nprint(s.x, s.y, s.z, s.__dict__, sys.getsizeof(s))\nclass T:\n    __slots__ = ('me',)\nt = T(); t.me = t\ndel t\nprint(gc.collect())\n",
    "prog.py:13: size=12.5 KiB, count=201, average=64 B\nprog.py:12: size=5664 B, count=101, average=56 B\n105 2\n[[], {}, <class '__main__.P'>]\nTrue 1\nNone\n1 2 3 {'z': 3} 72\n1\n"],
];

describe('__slots__', () => {
  for (const [title, src, cpython] of CASES) {
    it(title, () => {
      expect(run(src)).toBe(cpython);
    });
  }
});
