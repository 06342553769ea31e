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
