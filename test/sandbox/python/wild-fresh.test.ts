/** Fresh wild-sample follow-up (tutorials and Lib/test pieces gathered after the corpus was tuned):
 * PyObject_LengthHint's TypeError fallback, __weakref__ on instances, object() never tracked,
 * the result tuple items/enumerate/zip iterators keep and reuse, enumerate & co. as classes,
 * __dict__/__weakref__ from a secondary base under __slots__, collections.UserString and UserList, WeakSet's
 * set algebra and iteration, complex numbers, gc.is_tracked of modules and builtins. Every expected output is what
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
  {
    name: "collections.UserString: a class of collections whose methods do what Lib/collections does (wrapping, unwrapping, binding errors, subclass, gc, weakref)",
    program: "from collections import UserString as U\nimport sys, gc\nu = U('abc')\nprint(u, repr(u), len(u), u.data, u[1], type(u[1]).__name__, u.upper(), u + 'x', 'x' + u, u * 2, u == 'abc', u == U('abc'), hash(u) == hash('abc'))\nprint(type(u), U.__module__, U.__name__, u.__dict__, sys.getsizeof(u), gc.is_tracked(u), sys.getrefcount(u))\nprint(gc.get_referents(u))\nprint(u.count('b'), u.find(U('c')), u.split('b'), u.replace(U('a'), 'z'), 'b' in u, U('b') in u, list(u), u.center(7, '*'))\nprint(U(5), U(U('q')), U('%s-%s') % (1, 2), u.encode(), u.startswith('ab'), int(U('42')), float(U('1.5')))\ntry:\n    u.count()\nexcept TypeError as e:\n    print(e)\ntry:\n    u.lower(1)\nexcept TypeError as e:\n    print(e)\ntry:\n    u.count('a', 0, 1, 2)\nexcept TypeError as e:\n    print(e)\ntry:\n    u.removeprefix(prefix='a')\nexcept TypeError as e:\n    print(e)\ntry:\n    u.replace()\nexcept TypeError as e:\n    print(e)\ntry:\n    U()\nexcept TypeError as e:\n    print(e)\nclass S(U):\n    def shout(self):\n        return self.upper() + '!'\ns = S('hi')\nprint(s.shout(), type(s.upper()).__name__, type(s[0]).__name__, isinstance(s, U))\ngc.collect(); gc.disable()\nu.x = u\ndel u\nprint(gc.collect())\nimport weakref\nv = U('w')\nr = weakref.ref(v)\ndel v\nprint(r())\n",
    // python3 3.11.7 printed:
    cpython: "abc 'abc' 3 abc b UserString ABC abcx xabc abcabc True True True\n<class 'collections.UserString'> collections UserString {'data': 'abc'} 56 True 2\n[{'data': 'abc'}, <class 'collections.UserString'>]\n1 2 ['a', 'c'] zbc True True ['a', 'b', 'c'] **abc**\n5 q 1-2 b'abc' True 42 1.5\nUserString.count() missing 1 required positional argument: 'sub'\nUserString.lower() takes 1 positional argument but 2 were given\nUserString.count() takes from 2 to 4 positional arguments but 5 were given\nUserString.removeprefix() got some positional-only arguments passed as keyword arguments: 'prefix'\nUserString.replace() missing 2 required positional arguments: 'old' and 'new'\nUserString.__init__() missing 1 required positional argument: 'seq'\nHI! S S True\n2\nNone\n",
  },
  {
    name: "WeakSet: set algebra of Lib/_weakrefset.py, __init__ called again, pop's KeyError, unhashable; its iterator holds only the current item; set.issubset of an iterable",
    program: "import gc\nfrom weakref import WeakSet\nfrom collections import UserString as U\nitems = [U(c) for c in 'abcde']\na = WeakSet(items[:2]); b = WeakSet(items)\nprint(a <= b, a < b, b >= a, b > a, a < a, a <= a, a.issubset(items), b.issuperset(items[:1]))\nprint(sorted(map(str, a | WeakSet(items[3:]))), sorted(map(str, b - a)), sorted(map(str, b & items[1:3])), a.isdisjoint(items[2:]))\nc = b.copy()\nc -= a\nprint(len(c), c.difference_update(items[4:]), len(c))\nc |= items[:1]\nprint(sorted(map(str, c)))\ns = WeakSet()\ns.__init__(items)\nprint(len(s))\ns.__init__()\nprint(len(s))\ntry:\n    s.pop()\nexcept KeyError as e:\n    print('KeyError', e)\ntry:\n    a - [1]\nexcept TypeError as e:\n    print(e)\nprint(set('a').issubset('abc'), set('cbs').issuperset('a'), set('a').issubset(iter('xyz')))\nclass R:\n    def __init__(self):\n        self.cycle = self\nrs = [R() for i in range(10)]\nw = WeakSet(rs)\ndel rs\nit = iter(w)\nfirst = next(it)\ngc.collect()\nprint(len(w))\ndel first, it\ngc.collect()\nprint(len(w))\n",
    // python3 3.11.7 printed:
    cpython: "True True True True False True True True\n['a', 'b', 'd', 'e'] ['c', 'd', 'e'] ['b', 'c'] True\n3 None 2\n['a', 'c', 'd']\n5\n0\nKeyError 'pop from empty WeakSet'\ncannot create weak reference to 'int' object\nTrue False False\n1\n0\n",
  },
  {
    name: "complex: literals and folded constants, constructor, repr, hash and dict keys, arithmetic, errors, copy atomic, not tracked, 32 bytes",
    program: "import sys, gc, copy\nz = 1j\nprint(z, 4j, 1.0 + 5.0j, complex(0, 1), complex(), complex(2), complex(1.5, -2), complex(-0.0, 1), complex(0, -0.0), -1j, (1+2j) * (3-4j), (1+2j) / (3-4j), 2 - 1j, 1 - (2+3j))\nprint(repr(1e16j), repr(complex(1e-5, 1e20)), str(3+0j), abs(3+4j), bool(0j), bool(1j), -(1+1j), +z is z)\nprint(z.real, z.imag, (1+2j).conjugate(), type(z), isinstance(z, complex))\nprint(sys.getsizeof(z), gc.is_tracked(1.0 + 5.0j), gc.get_referents(1, 'a', 4j), copy.copy(z) is z, copy.deepcopy(z) is z)\nprint(hash(1+2j), hash(complex(1.5, -2)), hash(2+0j) == hash(2), {1: 'a'}[1+0j], 1+0j in {1.0}, (1+2j) == (1+2j), 1j == 1, 1+0j == 1, (1+0j) != 1.0)\nprint({1+2j: 'x'}[complex(1, 2)], len({1j, complex(0, 1), 2j}))\nx = 1+2j\ny = 1+2j\nprint(x is y)\ntry:\n    1j / 0\nexcept ZeroDivisionError as e:\n    print(e)\ntry:\n    1j < 2j\nexcept TypeError as e:\n    print(e)\ntry:\n    complex([])\nexcept TypeError as e:\n    print(e)\ntry:\n    complex(1, 'a')\nexcept TypeError as e:\n    print(e)\nprint(complex(real=1, imag=2), complex(1+1j, 1j), complex(1j, 2))\n",
    // python3 3.11.7 printed:
    cpython: "1j 4j (1+5j) 1j 0j (2+0j) (1.5-2j) (-0+1j) -0j (-0-1j) (11+2j) (-0.2+0.4j) (2-1j) (-1-3j)\n1e+16j (1e-05+1e+20j) (3+0j) 5.0 False True (-1-1j) True\n0.0 1.0 (1-2j) <class 'complex'> True\n32 False [] True True\n2000007 1152921504604846971 True a True True False True False\nx 2\nTrue\ncomplex division by zero\n'<' not supported between instances of 'complex' and 'complex'\ncomplex() first argument must be a string or a number, not 'list'\ncomplex() second arg can't be a string\n(1+2j) 1j 3j\n",
  },
  {
    name: "complex: refcounts of constants and results, in containers and f-strings, overflow to inf",
    program: "import sys, tracemalloc\nx = 2j\nprint(sys.getrefcount(x), sys.getrefcount(1+3j))\ny = x * 2\nprint(sys.getrefcount(y), y)\ntracemalloc.start()\nzs = [complex(i, i) for i in range(100)]\ncur, peak = tracemalloc.get_traced_memory()\ntracemalloc.stop()\nprint(cur > 0)\nprint([1j, 2+0j], (1j,), {1j: 2})\nprint(f\"{1j}\", str(-2.5j), 1j * 1j, (1e308+1e308j) * 10)\n",
    // python3 3.11.7 printed:
    cpython: "3 2\n2 4j\nTrue\n[1j, (2+0j)] (1j,) {1j: 2}\n1j (-0-2.5j) (-1+0j) (inf+infj)\n",
  },
  {
    name: "gc.is_tracked: modules and builtin functions are tracked in CPython, static types, None and () are not",
    program: "import gc, sys, weakref\nprint(gc.is_tracked(len), gc.is_tracked(gc), gc.is_tracked(gc.collect), gc.is_tracked(int), gc.is_tracked(sys), gc.is_tracked(weakref.ref), gc.is_tracked([].append), gc.is_tracked(None), gc.is_tracked(()))\n",
    // python3 3.11.7 printed:
    cpython: "True True True False True False True False False\n",
  },
  {
    name: "WeakSet symmetric difference (^, ^=, methods): the other items' refs gathered first, then discarded or added in that set's order",
    program: "import gc\nfrom weakref import WeakSet\nfrom collections import UserString as U\nitems = [U(c) for c in 'abcdef']\na = WeakSet(items[:4]); b = WeakSet(items[2:])\nprint(sorted(map(str, a ^ b)), sorted(map(str, a.symmetric_difference(items[3:]))), list(a ^ a))\nc = a.copy()\nc ^= items[1:5]\nprint(sorted(map(str, c)), c.symmetric_difference_update(items[:1]), sorted(map(str, c)))\nc ^= c\nprint(len(c))\nclass A:\n    pass\nkeep = [A() for i in range(3)]\nt = WeakSet(keep)\nt ^= [A()]\nprint(len(t))\ngc.collect()\nprint(len(t))\ntry:\n    t ^ [1]\nexcept TypeError as e:\n    print(e)\n",
    // python3 3.11.7 printed:
    cpython: "['a', 'b', 'e', 'f'] ['a', 'b', 'c', 'e', 'f'] []\n['a', 'e'] None ['e']\n0\n3\n3\ncannot create weak reference to 'int' object\n",
  },
  {
    name: "str % x formats x even when x's class has __rmod__, unless x is a str subclass (binary_op1, unicode_mod)",
    program: "class R:\n    def __rmod__(self, o):\n        return \"rmod\"\n    def __str__(self):\n        return \"R!\"\nprint(\"%s\" % R(), \"x%sy\" % (R(),))\nclass S(str):\n    def __rmod__(self, o):\n        return \"S-rmod\"\nprint(\"%s\" % S(\"q\"))\n",
    // python3 3.11.7 printed:
    cpython: "R! xR!y\nS-rmod\n",
  },
  {
    name: "UserString with copy, deepcopy, formatting, sorting, dict keys, vars, iteration, slicing, str methods",
    program: "import copy, sys, gc\nfrom collections import UserString as U\nu = U('hello')\nc = copy.copy(u)\nd = copy.deepcopy(u)\nprint(c, d, c == u, c is u, d is u, type(c).__name__, c.data is u.data)\nprint(f\"{u}\", \"%s!\" % u, str(u), sorted([U('b'), U('a')]), {u: 1}[U('hello')], vars(u))\nprint(U.__name__, U.__qualname__, U.__module__, repr(U))\nprint(u.__getnewargs__(), sys.getsizeof(u.__dict__))\nprint(max(U('a'), U('c')), u[1:3], u[::-1], len(U('')), bool(U('')), 'ell' in u)\nfor ch in U('ab'):\n    print(ch, type(ch).__name__)\nprint(u.join(['x', 'y']), u.format(), U('{0}').format(5), u.title(), u.zfill(8), u.split('l'))\n",
    // python3 3.11.7 printed:
    cpython: "hello hello True False False UserString True\nhello hello! hello ['a', 'b'] 1 {'data': 'hello'}\nUserString UserString collections <class 'collections.UserString'>\n('hello',) 256\nc el olleh 0 False True\na UserString\nb UserString\nxhelloy hello 5 Hello 000hello ['he', '', 'o']\n",
  },
  {
    name: "collections.UserList: __init__'s slice assignment or list(), operators and slices rewrapped, mutators, __copy__ through __dict__, unhashable, subclass, gc and weakref",
    program: "import sys, gc, copy, weakref\nfrom collections import UserList as L\na = L([1, 2, 3])\nprint(a, repr(a), len(a), a.data, a[0], a[1:], type(a[1:]).__name__, a + [4], [0] + a, a + L([9]), a * 2, 2 * a, a == [1, 2, 3], a < [1, 3], 2 in a)\nprint(type(a), L.__module__, sys.getsizeof(a), sys.getsizeof(a.data), gc.is_tracked(a), sys.getrefcount(a), gc.get_referents(a))\nb = L(range(5)); c = L(a); d = L((1, 2)); e = L()\nprint(b, c, d, e, c.data is a.data, sys.getsizeof(c.data), sys.getsizeof(b.data), sys.getsizeof(d.data), sys.getsizeof(e.data))\na.append(4); a.insert(0, 0); a.extend(L([5])); a.extend((6,)); print(a, a.pop(), a.pop(0), a.count(2), a.index(3), a)\na.remove(2); a.reverse(); a.sort(reverse=True); print(a); a.sort(); print(a)\na[0] = 10; del a[1]; print(a); a += [7]; a += L([8]); a += (9,); print(a); a *= 2; print(a, len(a))\nx = copy.copy(a); y = copy.deepcopy(a); z = a.copy()\nprint(x, y, z, x == a, x.data is a.data, type(z).__name__)\ntry:\n    hash(a)\nexcept TypeError as e:\n    print(e)\ntry:\n    a.pop(1, 2)\nexcept TypeError as e:\n    print(e)\nclass M(L):\n    def total(self):\n        return sum(self)\nm = M([1, 2])\nprint(m.total(), type(m + [3]).__name__, type(m[:1]).__name__, list(m), [v for v in reversed(m)])\nr = weakref.ref(m)\ndel m\nprint(r())\ngc.collect(); gc.disable()\nq = L([1]); q.append(q); del q\nprint(gc.collect())\nf = L([1]); f.clear(); print(f, bool(f), bool(L([0])))\n",
    // python3 3.11.7 printed:
    cpython: "[1, 2, 3] [1, 2, 3] 3 [1, 2, 3] 1 [2, 3] UserList [1, 2, 3, 4] [0, 1, 2, 3] [1, 2, 3, 9] [1, 2, 3, 1, 2, 3] [1, 2, 3, 1, 2, 3] True True True\n<class 'collections.UserList'> collections 56 120 True 2 [[1, 2, 3], <class 'collections.UserList'>]\n[0, 1, 2, 3, 4] [1, 2, 3] [1, 2] [] False 120 104 72 56\n[1, 2, 3, 4, 5] 6 0 1 2 [1, 2, 3, 4, 5]\n[5, 4, 3, 1]\n[1, 3, 4, 5]\n[10, 4, 5]\n[10, 4, 5, 7, 8, 9]\n[10, 4, 5, 7, 8, 9, 10, 4, 5, 7, 8, 9] 12\n[10, 4, 5, 7, 8, 9, 10, 4, 5, 7, 8, 9] [10, 4, 5, 7, 8, 9, 10, 4, 5, 7, 8, 9] [10, 4, 5, 7, 8, 9, 10, 4, 5, 7, 8, 9] True False UserList\nunhashable type: 'UserList'\nUserList.pop() takes from 1 to 2 positional arguments but 3 were given\n3 M M [1, 2] [2, 1]\nNone\n2\n[] False True\n",
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
