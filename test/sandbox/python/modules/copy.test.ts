/** copy.copy and copy.deepcopy as Lib/copy.py does them; every expected output is what python3 (3.11.7) printed for the same program. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../sandbox/sandbox.js';

const CASES: { name: string; program: string; cpython: string }[] = [
  {
    name: "copy_basics",
    program: "import copy, sys, gc\nfs = frozenset({1, 2})\nprint(copy.deepcopy(fs) is fs, copy.copy(fs) is fs)\nt = (1, 'a', None)\nprint(copy.deepcopy(t) is t, copy.copy(t) is t)\nt2 = (1, [2])\nprint(copy.deepcopy(t2) is t2)\ns = slice(1, 2)\nprint(copy.deepcopy(s) is s, copy.copy(s) is s)\nr = range(3)\nprint(copy.deepcopy(r) is r)\nclass A:\n    def __init__(self): self.x = [1]; print('init')\na = A()\nb = copy.copy(a)\nprint(b.x is a.x, type(b).__name__)\nc = copy.deepcopy(a)\nprint(c.x is a.x, c.x == a.x)\ndef gen(): yield 1\nfor f in (copy.copy, copy.deepcopy):\n    try: f(gen())\n    except TypeError as e: print(e)\n    try: f(sys)\n    except TypeError as e: print(e)\nl = [1, 2]\nprint(sys.getrefcount(l))\nm = copy.deepcopy(l)\nprint(sys.getrefcount(l), sys.getrefcount(m))\nprint(copy.copy(a.__init__).__self__ is a)\nprint(copy.deepcopy(a.__init__).__self__ is a)\ntry:\n    copy.deepcopy(a, memo=[])\nexcept Exception as e: print(type(e).__name__, e)\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "False True\nTrue True\nFalse\nFalse True\nTrue\ninit\nTrue A\nFalse True\ncannot pickle 'generator' object\ncannot pickle 'module' object\ncannot pickle 'generator' object\ncannot pickle 'module' object\n2\n2 2\nTrue\nFalse\nAttributeError 'list' object has no attribute 'get'\n",
  },
  {
    name: "deepcopy_cycles_memo",
    program: "import copy, sys, gc\ngc.disable()\na = [1, 2]\na.append(a)\nb = copy.deepcopy(a)\nprint(b[2] is b, b is not a, b[:2] == a[:2])\nshared = [0]\nouter = [shared, shared, (shared,)]\nc = copy.deepcopy(outer)\nprint(c[0] is c[1], c[2][0] is c[0], c[0] is shared)\nprint(sys.getrefcount(shared), sys.getrefcount(c[0]))\nclass Node:\n    def __init__(self, name):\n        self.name = name\n        self.children = []\n        self.parent = None\nroot = Node('root')\nkid = Node('kid')\nkid.parent = root\nroot.children.append(kid)\nr2 = copy.deepcopy(root)\nprint(r2.children[0].parent is r2, r2.name is root.name, r2.children is not root.children)\nprint(sys.getrefcount(r2), sys.getrefcount(r2.children[0]))\ndel r2\nprint(gc.collect())\ndel root, kid\nprint(gc.collect())\nclass Custom:\n    def __init__(self, v):\n        self.v = v\n    def __copy__(self):\n        print('__copy__ called')\n        return Custom(self.v)\n    def __deepcopy__(self, memo):\n        print('__deepcopy__ called', type(memo).__name__, id(self) in memo)\n        new = Custom(copy.deepcopy(self.v, memo))\n        return new\nx = Custom([1, [2]])\ny = copy.copy(x)\nprint(y.v is x.v)\nz = copy.deepcopy([x, x])\nprint(z[0] is z[1], z[0].v == x.v, z[0].v is x.v)\nmemo = {}\nl = [[1], [2]]\nm = copy.deepcopy(l, memo)\nprint(len(memo), id(l) in memo, memo[id(l)] is m, id(memo) in memo, len(memo[id(memo)]))\nd = {'k': [1, 2], 't': (1, 2), 'n': None}\ndd = copy.deepcopy(d)\nprint(dd, dd['t'] is d['t'], dd['k'] is d['k'])\ns = {1, 2, (3, 4)}\nss = copy.deepcopy(s)\nprint(ss == s, ss is s, type(ss).__name__)\nprint(copy.copy([1, [2]])[1] is copy.copy([1, [2]])[1])\nclass WithState:\n    def __init__(self):\n        self.a = 1\n        self.b = [2]\n    def __getstate__(self):\n        print('getstate')\n        return {'a': self.a * 10, 'b': self.b}\n    def __setstate__(self, st):\n        print('setstate', st)\n        self.__dict__.update(st)\nw = copy.deepcopy(WithState())\nprint(w.a, w.b)\ntry:\n    copy.copy()\nexcept TypeError as e:\n    print(e)\ntry:\n    copy.deepcopy(1, {}, [], 4)\nexcept TypeError as e:\n    print(e)\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "True True True\nTrue True False\n5 4\nTrue True True\n3 2\n6\n6\n__copy__ called\nTrue\n__deepcopy__ called dict False\nTrue True False\n4 True True True 3\n{'k': [1, 2], 't': (1, 2), 'n': None} True False\nTrue False set\nFalse\ngetstate\nsetstate {'a': 10, 'b': [2]}\n10 [2]\ncopy() missing 1 required positional argument: 'x'\ndeepcopy() takes from 1 to 3 positional arguments but 4 were given\n",
  },
  {
    name: "deepcopy_deep_nest",
    program: "import copy\nx = []\nfor _ in range(100000):\n    x = [x]\ntry:\n    copy.deepcopy(x)\nexcept RecursionError as e:\n    print('RecursionError:', e)\nt = ()\nfor _ in range(100000):\n    t = (t,)\ntry:\n    copy.deepcopy(t)\nexcept RecursionError as e:\n    print('RecursionError:', e)\nd = {}\nfor _ in range(3000):\n    d = {'k': d}\ntry:\n    copy.deepcopy(d)\nexcept RecursionError as e:\n    print('RecursionError:', e)\nprint(len(copy.deepcopy([[[[1]]]])))\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "RecursionError: maximum recursion depth exceeded while calling a Python object\nRecursionError: maximum recursion depth exceeded\nRecursionError: maximum recursion depth exceeded while calling a Python object\n1\n",
  },
  {
    name: "reduce_protocol",
    program: "import copy, sys\nclass Point:\n    def __init__(self, x, y):\n        self.x, self.y = x, y\n    def __reduce__(self):\n        print('reduce')\n        return (Point, (self.x, [self.y]))\np = Point(1, 2)\nq = copy.copy(p)\nprint(type(q).__name__, q.x, q.y, q is p)\nr = copy.deepcopy([p, p])\nprint(r[0] is r[1], r[0].y, r[0] is p)\nclass Ex:\n    def __reduce_ex__(self, proto):\n        print('reduce_ex', proto)\n        return (Ex, (), {'a': [1]}, iter([]), None)\ne = copy.deepcopy(Ex())\nprint(e.a)\nclass G:\n    def __reduce__(self):\n        return 'G_global'\ng = G()\nprint(copy.copy(g) is g, copy.deepcopy(g) is g)\nclass Bad:\n    def __reduce__(self):\n        return (Bad,)\ntry:\n    copy.copy(Bad())\nexcept TypeError as err:\n    print(err)\nprint(copy.Error is copy.error, copy.Error.__mro__[1].__name__, repr(copy.Error))\nclass Hidden:\n    def __getattribute__(self, name):\n        if name.startswith('__reduce'):\n            raise AttributeError(name)\n        return object.__getattribute__(self, name)\nfor f in (copy.copy, copy.deepcopy):\n    try:\n        f(Hidden())\n    except copy.Error as err:\n        print(type(err).__name__, err)\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "reduce\nPoint 1 [2] False\nreduce\nTrue [2] False\nreduce_ex 4\n[1]\nTrue True\n_reconstruct() missing 1 required positional argument: 'args'\nTrue Exception <class 'copy.Error'>\nError un(shallow)copyable object of type <class '__main__.Hidden'>\nError un(deep)copyable object of type <class '__main__.Hidden'>\n",
  },
  {
    name: "copyreg_pickle",
    program: "import copy, copyreg, sys\nclass C:\n    def __init__(self, v):\n        self.v = v\ndef reduce_c(c):\n    print('reducer')\n    return (C, (c.v * 2,))\nprint(sys.getrefcount(reduce_c))\ncopyreg.pickle(C, reduce_c)\nprint(sys.getrefcount(reduce_c))\nx = C(21)\nprint(copy.copy(x).v, copy.deepcopy(x).v)\ntry:\n    copyreg.pickle(C, 5)\nexcept TypeError as err:\n    print(err)\ntry:\n    copyreg.pickle(C, reduce_c, 7)\nexcept TypeError as err:\n    print(err)\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "2\n3\nreducer\nreducer\n42 42\nreduction functions must be callable\nconstructors must be callable\n",
  },
  {
    name: "getattribute",
    program: "import sys\nclass Logged:\n    def __init__(self):\n        self.x = 1\n    def __getattribute__(self, name):\n        print(\"get\", name)\n        return super().__getattribute__(name)\n    def __getattr__(self, name):\n        print(\"fallback\", name)\n        return 42\n    def m(self):\n        return self.x\no = Logged()\nprint(o.x, o.missing, o.m())\nprint(getattr(o, 'nope', 'dflt'), hasattr(o, 'x'))\nprint(object.__getattribute__(o, 'x'))\ntry:\n    object.__getattribute__(o, 'zzz')\nexcept AttributeError as e:\n    print(\"AE\", e)\nprint(sys.getrefcount(o))\nclass P:\n    def __getattribute__(self, name):\n        if name == 'secret': raise AttributeError('no secret')\n        return object.__getattribute__(self, name)\np = P(); p.secret = 1; p.open = 2\nprint(p.open)\ntry: p.secret\nexcept AttributeError as e: print(e)\nprint(len([1,2]), str(o.__class__))\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "get x\nget missing\nfallback missing\nget m\nget x\n1 42 1\nget nope\nfallback nope\nget x\n42 True\n1\nAE 'Logged' object has no attribute 'zzz'\n2\n2\nno secret\nget __class__\n2 <class '__main__.Logged'>\n",
  },
  {
    name: "slots_and_slotnames",
    program: "import copy, sys\nclass A:\n    pass\na = A(); a.x = 1\ncopy.copy(a)\nprint('__slotnames__' in A.__dict__, A.__dict__.get('__slotnames__'))\nclass S:\n    __slots__ = ('a', 'b', '__weakref__')\nclass T(S):\n    __slots__ = ('__c', 'd')\nt = T(); t.a = 1; t._T__c = [3]\nu = copy.copy(t)\nprint(u.a, u._T__c is t._T__c, hasattr(u, 'b'), hasattr(u, 'd'))\nprint(T.__dict__['__slotnames__'], '__slotnames__' in S.__dict__)\nv = copy.deepcopy(t)\nprint(v.a, v._T__c == t._T__c, v._T__c is t._T__c)\nclass W:\n    __slots__ = ('x', '__dict__')\nw = W(); w.x = 5; w.y = 6\nw2 = copy.copy(w)\nprint(w2.x, w2.y, W.__slotnames__)\nimport sys\nclass K:\n    __slots__ = ('v',)\n    def __getstate__(self):\n        return {'custom': 1}\n    def __setstate__(self, st):\n        print('setstate', st)\n        self.v = st['custom']\nk = K(); k.v = 9\nprint(copy.copy(k).v, '__slotnames__' in K.__dict__)\nprint(sys.getrefcount(T.__slotnames__))\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "True []\n1 True False False\n['_T__c', 'd', 'a', 'b'] False\n1 True False\n5 6 ['x']\nsetstate {'custom': 1}\n1 False\n2\n",
  },
  {
    name: "deepcopy_weak_dicts",
    program: "import copy, weakref, sys, gc\nclass K:\n    def __init__(self, v): self.v = v\n    def __repr__(self): return f'K({self.v})'\na, b = K(1), K(2)\nwv = weakref.WeakValueDictionary({1: a, 2: b})\nwv2 = copy.deepcopy(wv)\nprint(type(wv2).__name__, sorted(wv2.keys()), wv2[1] is a, sys.getrefcount(a))\nwk = weakref.WeakKeyDictionary({a: [1], b: [2]})\nwk2 = copy.deepcopy(wk)\nprint(type(wk2).__name__, wk2[a], wk2[a] is wk[a], len(wk2))\ndel b\ngc.collect()\nprint(len(wv2), len(wk2), len(copy.deepcopy(wk)))\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "WeakValueDictionary [1, 2] True 2\nWeakKeyDictionary [1] False 2\n1 1 1\n",
  },
];

const mask = (s: string): string => s.replace(/0x[0-9a-f]+/g, '0x?');

describe("copy.copy and copy.deepcopy as Lib/copy.py does them", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = new Sandbox().exec(c.program);
      expect(r.error).toBeNull();
      expect(mask(r.stdout)).toBe(c.cpython);
    });
  }
});
