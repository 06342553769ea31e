/** Wild-corpus follow-up: weakref proxies' slots, weak dictionaries' Mapping operators, copy of weak
 * dictionaries and bytearray, WeakMethod equality, "in comparison" recursion. Every expected
 * output is what python3 (3.11.7) printed for the same program. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const CASES: { name: string; program: string; cpython: string }[] = [
  {
    name: "weakref.proxy forwards operators, conversions, next, reversed and del; hash refused; in over a non-iterable",
    program: "import weakref, operator\nclass C:\n    def __init__(self, v): self.v = v\n    def __add__(self, o): return self.v + o\n    def __radd__(self, o): return o * 100 + self.v\n    def __iadd__(self, o): return -1\n    def __neg__(self): return 'neg'\n    def __index__(self): return 7\n    def __bytes__(self): return b'raw'\n    def __reversed__(self): return iter('zyx')\no = C(3)\np = weakref.proxy(o)\nprint(p + 4, 2 + p, -p, operator.index(p), bytes(p), list(reversed(p)))\np += 1\nprint(p)\np = weakref.proxy(o)\ntry:\n    p - 1\nexcept TypeError as e:\n    print(e)\ntry:\n    hash(p)\nexcept TypeError as e:\n    print(e)\ntry:\n    next(p)\nexcept TypeError as e:\n    print(e)\ndef gen():\n    yield 1\n    yield 2\nit = gen()\nq = weakref.proxy(it)\nprint(next(q), next(q))\no.w = 5\ndel p.w\nprint(hasattr(o, 'w'))\nclass M:\n    def __iter__(self): return 5\ntry:\n    1 in M()\nexcept TypeError as e:\n    print(e)\n",
    // python3 3.11.7 printed:
    cpython: "7 203 neg 7 b'raw' ['z', 'y', 'x']\n-1\nunsupported operand type(s) for -: 'C' and 'int'\nunhashable type: 'weakref.ProxyType'\nWeakref proxy referenced a non-iterator 'C' object\n1 2\nFalse\nargument of type 'M' is not iterable\n",
  },
  {
    name: "weak dictionaries: | |= reflected |, Mapping ==, re-called __init__, missing self, KeyError of a weakref, copy; WeakMethod ==; comparison recursion",
    program: "import weakref, copy\nclass O:\n    def __init__(self, n): self.n = n\n    def __repr__(self): return 'O(%d)' % self.n\na, b, c = O(1), O(2), O(3)\nk1 = weakref.WeakKeyDictionary({a: 1})\nk2 = weakref.WeakKeyDictionary({b: 2, a: 9})\nu = k1 | k2\nprint(type(u).__name__, sorted(x.n for x in u), u[a], u == dict(k1) | dict(k2), u != k1)\nr = {c: 3} | k1\nprint(type(r).__name__, len(r))\nk1 |= [(c, 4)]\nprint(len(k1), k1[c])\nv = weakref.WeakValueDictionary({1: a})\nv2 = v | {2: b}\nprint(sorted(v2.keys()), v == {1: a}, v == 5)\nv.__init__({3: c})\nprint(list(v.keys()))\ntry:\n    weakref.WeakValueDictionary.update()\nexcept TypeError as e:\n    print(e)\ntry:\n    k1[O(7)]\nexcept KeyError as e:\n    print(str(e).startswith('<weakref at'))\ncp = copy.copy(k2)\nprint(type(cp).__name__, cp == k2, cp is k2)\nba = bytearray(b'xy')\nprint(copy.copy(ba), copy.copy(ba) is ba)\nm1 = weakref.WeakMethod(a.__repr__)\nm2 = weakref.WeakMethod(a.__init__)\nm3 = weakref.WeakMethod(a.__repr__)\nprint(m1 == m2, m1 != m2, m1 == m3, m1 != m3)\nx = []\nx.append(x)\ny = copy.deepcopy(x)\ntry:\n    y == x\nexcept RecursionError as e:\n    print(e)\n",
    // python3 3.11.7 printed:
    cpython: "WeakKeyDictionary [1, 2] 9 True True\nWeakKeyDictionary 2\n2 4\n[1, 2] True False\n[3]\nWeakValueDictionary.update() missing 1 required positional argument: 'self'\nTrue\nWeakKeyDictionary True False\nbytearray(b'xy') False\nFalse True True False\nmaximum recursion depth exceeded in comparison\n",
  },
  {
    name: 'a WeakKeyDictionary lookup runs the key class\'s __eq__ (weakref equality), whose side effects count',
    program: "import weakref\nd = weakref.WeakKeyDictionary()\ncalls = []\nclass K:\n    def __init__(self, v): self.v = v\n    def __hash__(self): return hash(self.v)\n    def __eq__(self, other):\n        calls.append(self.v)\n        if self.v == 0:\n            del keep[-1]\n        return self.v == other.v\nkeep = [K(0), K(1)]\nfor k in keep:\n    d[k] = k.v\ndel k\na = keep[0]\nprint(a in d, calls, len(d))\ndel d[a]\nprint(len(d), calls)\ntry:\n    d[a]\nexcept KeyError:\n    print('KeyError')\n",
    // python3 3.11.7 printed:
    cpython: "True [0] 1\n0 [0, 0]\nKeyError\n",
  },
  {
    name: 'sys._getframe argument checks, the size of a frame object, bytearray.__alloc__',
    program: "import sys\ndef f(): return sys._getframe()\nprint(sys.getsizeof(f()), sys.getsizeof(sys._getframe()))\ndef g():\n    a = 1; b = 2; c = 3\n    return sys._getframe()\nprint(sys.getsizeof(g()))\nfor args in [(42, 42), ('x',), (1.5,)]:\n    try:\n        sys._getframe(*args)\n    except TypeError as e:\n        print(e)\nprint(sys._getframe(-1) is sys._getframe())\nx = bytearray(b'ab')\nprint(x.__alloc__(), sys.getsizeof(x), bytearray().__alloc__())\nx.append(1)\nprint(x.__alloc__(), sys.getsizeof(x))\n",
    // python3 3.11.7 printed:
    cpython: "152 192\n176\n_getframe expected at most 1 argument, got 2\n'str' object cannot be interpreted as an integer\n'float' object cannot be interpreted as an integer\nTrue\n3 59 0\n6 62\n",
  },
  {
    name: 'a suspended weak-dictionary iterator holds only its current item (keys not reached can die)',
    program: "import gc, sys, weakref\nclass R:\n    def __init__(self, n): self.n = n; self.cycle = self\ndef check(make, pair):\n    items = [R(i) for i in range(5)]\n    d = make(pair(o) for o in items)\n    it = d.items()\n    first = next(it)\n    del items\n    gc.collect()\n    print(len(d))\n    del first, it\n    gc.collect()\n    print(len(d))\ncheck(weakref.WeakKeyDictionary, lambda o: (o, o.n))\ncheck(weakref.WeakValueDictionary, lambda o: (o.n, o))\na = R(7)\nd = weakref.WeakKeyDictionary({a: 1})\nbase = sys.getrefcount(a)\nit = d.keys()\nprint(sys.getrefcount(a) - base)\nk = next(it)\nprint(sys.getrefcount(a) - base, list(it))\nprint(sys.getrefcount(a) - base)\n",
    // python3 3.11.7 printed:
    cpython: "1\n0\n1\n0\n0\n2 []\n1\n",
  },
  {
    name: 'weak dictionaries are unhashable (Mapping defines __eq__)',
    program: "import weakref\nfor t in (weakref.WeakKeyDictionary, weakref.WeakValueDictionary):\n    try:\n        hash(t())\n    except TypeError as e:\n        print(e)\n",
    // python3 3.11.7 printed:
    cpython: "unhashable type: 'WeakKeyDictionary'\nunhashable type: 'WeakValueDictionary'\n",
  },
];

describe('wild-corpus follow-up: proxies, weak dictionaries, frames behave as CPython', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = new Sandbox().exec(c.program);
      expect(r.error).toBeNull();
      expect(r.stdout).toBe(c.cpython);
    });
  }
});
