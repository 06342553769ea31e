/** Fresh wild-sample follow-up (tutorials and Lib/test pieces gathered after the corpus was tuned):
 * PyObject_LengthHint's TypeError fallback, __weakref__ on instances, object() never tracked,
 * the result tuple items/enumerate/zip iterators keep and reuse, enumerate & co. as classes,
 * __dict__/__weakref__ from a secondary base under __slots__. Every expected output is what
 * python3 (3.11.7) printed for the same program. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const CASES: { name: string; program: string; cpython: string }[] = [
  {
    name: "list() of a weakref proxy to a generator: a len() raising TypeError is no length hint (PyObject_LengthHint); another error propagates",
    program: "import weakref\ndef gen():\n    yield 'foo!'\ng = gen()\np = weakref.proxy(g)\nprint(list(p))\nclass NoLen:\n    def __len__(self): raise TypeError('no')\n    def __iter__(self): return iter([1, 2])\nprint(list(NoLen()))\nclass BadLen:\n    def __len__(self): raise ValueError('bad')\n    def __iter__(self): return iter([1, 2])\ntry:\n    list(BadLen())\nexcept ValueError as e:\n    print('ValueError', e)\n",
    // python3 3.11.7 printed:
    cpython: "['foo!']\n[1, 2]\nValueError bad\n",
  },
  {
    name: "o.__weakref__ is the head of the object's weakref list, or None (slots, plain class, list subclass)",
    program: "import weakref\nclass W(object):\n    __slots__ = [\"__weakref__\"]\nclass P:\n    pass\nfor cls in (W, P):\n    a = cls()\n    print(a.__weakref__)\n    r = weakref.ref(a)\n    print(a.__weakref__ is r)\n    r2 = weakref.ref(a, lambda x: None)\n    print(a.__weakref__ is r)\n    del r\n    print(a.__weakref__ is r2)\n    del r2\n    print(a.__weakref__)\nimport sys\nclass L(list): pass\nl = L()\nprint(l.__weakref__)\nr = weakref.ref(l)\nprint(l.__weakref__ is r, sys.getrefcount(r))\nx = l.__weakref__\nprint(sys.getrefcount(r))\n",
    // python3 3.11.7 printed:
    cpython: "None\nTrue\nTrue\nTrue\nNone\nNone\nTrue\nTrue\nTrue\nNone\nNone\nTrue 2\n3\n",
  },
  {
    name: "a bare object() is not a GC object: a tuple or dict holding only it is untracked",
    program: "import gc\no = object()\nprint(gc.is_tracked(o))\nt = (o,)\nd = {1: o}\ngc.collect()\nprint(gc.is_tracked(t), gc.is_tracked(d))\n",
    // python3 3.11.7 printed:
    cpython: "False\nFalse False\n",
  },
  {
    name: "items/enumerate/zip iterators reuse their result tuple when only they hold it, re-tracking it (bpo-42536)",
    program: "import gc, sys\nd = {'a': 1, 'b': 2, 'c': 3}\nids = [id(t) for t in d.items()]\nprint(len(set(ids)))\nkept = [t for t in d.items()]\nprint(len(set(map(id, kept))))\ne = enumerate('xyz')\na = next(e)\nb = next(e)\nprint(a is b, a, b)\ndel a\nc = next(e)\nprint(c is b, c)\nz = zip('ab', 'cd', 'ef')\nr1 = next(z)\nprint(r1, sys.getrefcount(r1))\ndel r1\nr2 = next(z)\nprint(r2)\nit = enumerate([[]])\ngc.collect()\nprint(gc.is_tracked(next(it)))\nit = zip([[]])\ngc.collect()\nprint(gc.is_tracked(next(it)))\nprint(list(zip()), list(enumerate([])))\nbefore = sys.getrefcount(None)\ne2 = enumerate('a')\nprint(sys.getrefcount(None) - before)\nz = zip([1, 2], [3])\nprint(next(z), list(z))\n",
    // python3 3.11.7 printed:
    cpython: "2\n3\nFalse (0, 'x') (1, 'y')\nFalse (2, 'z')\n('a', 'c', 'e') 4\n('b', 'd', 'f')\nTrue\nTrue\n[] []\n2\n(1, 3) []\n",
  },
  {
    name: "the result tuple and zip's iterator tuple are objects a collection counts and get_referents shows",
    program: "import gc\ngc.collect()\ngc.disable()\nclass C: pass\nfor v in (dict.items, dict.values, dict.keys):\n    o = C()\n    c = {o: 1}\n    o.v = v(c)\n    o.x = iter(o.v)\n    del o, c\n    print(v.__name__, gc.collect())\nfor name, make in (('enumerate', lambda o: enumerate([o])), ('zip1', lambda o: zip([o])), ('zip2', lambda o: zip([o], [1]))):\n    o = C()\n    o.x = make(o)\n    del o\n    print(name, gc.collect())\nit = iter({1: 2}.items())\nprint(len(gc.get_referents(it)), len(gc.get_referents(enumerate([]))), len(gc.get_referents(zip([], []))))\n",
    // python3 3.11.7 printed:
    cpython: "items 5\nvalues 4\nkeys 4\nenumerate 5\nzip1 6\nzip2 8\n2 2 2\n",
  },
  {
    name: "enumerate, zip, map, filter and reversed are classes",
    program: "print(enumerate, zip, map, filter, reversed)\nprint(type(enumerate('a')) is enumerate, isinstance(zip(), zip), isinstance(map(str, []), map))\nprint(list(enumerate('ab', start=3)), list(filter(None, [0, 1])), list(reversed(range(3))))\n",
    // python3 3.11.7 printed:
    cpython: "<class 'enumerate'> <class 'zip'> <class 'map'> <class 'filter'> <class 'reversed'>\nTrue True True\n[(3, 'a'), (4, 'b')] [1] [2, 1, 0]\n",
  },
  {
    name: "under __slots__, a secondary base provides __dict__ or __weakref__ (type_new_slots_impl)",
    program: "import sys, weakref\nclass D(object):\n    __slots__ = ['__dict__']\nclass W(object):\n    __slots__ = ['__weakref__']\nclass C1(W, D):\n    __slots__ = []\nclass C2(D, W):\n    __slots__ = []\nclass C3(W, D): pass\nprint(list(C1.__dict__), list(C2.__dict__), list(C3.__dict__))\nprint(sys.getsizeof(C1()), sys.getsizeof(C2()), sys.getsizeof(W()), sys.getsizeof(D()), sys.getsizeof(C3()))\nfor C in (C1, C2, C3):\n    a = C()\n    a.foo = 42\n    r = weakref.ref(a)\n    print(a.__dict__, r() is a, a.__weakref__ is r)\n",
    // python3 3.11.7 printed:
    cpython: "['__module__', '__slots__', '__dict__', '__doc__'] ['__module__', '__slots__', '__weakref__', '__doc__'] ['__module__', '__dict__', '__doc__']\n56 56 40 48 56\n{'foo': 42} True True\n{'foo': 42} True True\n{'foo': 42} True True\n",
  },
];

describe('fresh wild sample: iterators, tracking and slots behave as CPython', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = new Sandbox().exec(c.program);
      expect(r.error).toBeNull();
      expect(r.stdout).toBe(c.cpython);
    });
  }
});
