/** weakref.WeakValueDictionary / WeakKeyDictionary / WeakSet / WeakMethod as Lib/weakref.py behaves; every expected output is what python3 (3.11.7) printed for the same program. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../sandbox/sandbox.js';

const CASES: { name: string; program: string; cpython: string }[] = [
  {
    name: "weakvaluedict_cache",
    program: "import weakref, sys, gc\nclass Obj:\n    def __init__(self, name):\n        self.name = name\n    def __repr__(self):\n        return f'Obj({self.name})'\ncache = weakref.WeakValueDictionary()\nprint(type(cache), cache.__class__.__name__)\nkey = 'alpha-key'\na = Obj('a')\nb = Obj('b')\nprint(sys.getrefcount(a), sys.getrefcount(key))\ncache[key] = a\ncache['b'] = b\nprint(sys.getrefcount(a), sys.getrefcount(key), weakref.getweakrefcount(a))\nprint(len(cache), cache[key], 'b' in cache, 'zz' in cache, sorted(cache.keys()))\nprint(list(cache.items()), list(cache.values()))\ndel a\nprint(len(cache), key in cache, list(cache))\nprint(cache.get(key), cache.get(key, 'gone'), cache.get('b'))\ntry:\n    cache[key]\nexcept KeyError as e:\n    print('KeyError', e)\nc = Obj('c')\nprint(cache.setdefault('c', c) is c, cache.setdefault('c', b) is c)\nprint(cache.pop('c'), len(cache), cache.pop('nope', 'dflt'))\nx = Obj('x')\ny = Obj('y')\nx.other = y\ny.other = x\ncache['x'] = x\ndel x, y\nprint(len(cache))\nprint(gc.collect(), len(cache))\nd2 = cache.copy()\nprint(type(d2).__name__, len(d2), d2['b'])\ndel b\nprint(len(cache), len(d2))\nw = weakref.WeakValueDictionary({'k': Obj('k')})\nprint(len(w))\ntry:\n    cache['n'] = 5\nexcept TypeError as e:\n    print(e)\nprint(repr(cache).startswith('<WeakValueDictionary at 0x'))\ndel cache, d2\nprint(gc.collect())\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "<class 'weakref.WeakValueDictionary'> WeakValueDictionary\n2 3\n2 5 1\n2 Obj(a) True False ['alpha-key', 'b']\n[('alpha-key', Obj(a)), ('b', Obj(b))] [Obj(a), Obj(b)]\n1 False ['b']\nNone gone Obj(b)\nKeyError 'alpha-key'\nTrue True\nObj(c) 1 dflt\n2\n3 1\nWeakValueDictionary 1 Obj(b)\n0 0\n0\ncannot create weak reference to 'int' object\nTrue\n0\n",
  },
  {
    name: "weakkeydict_weakset",
    program: "import weakref, sys, gc\nclass Widget:\n    def __init__(self, n):\n        self.n = n\n    def __repr__(self):\n        return f'W{self.n}'\nmeta = weakref.WeakKeyDictionary()\nw1, w2 = Widget(1), Widget(2)\ndata = ['payload']\nmeta[w1] = data\nmeta[w2] = 'two'\nprint(sys.getrefcount(w1), sys.getrefcount(data), weakref.getweakrefcount(w1))\nmeta[w1] = data\nprint(weakref.getweakrefcount(w1), len(meta), meta[w1], w2 in meta, 5 in meta)\nprint(list(meta.items()), meta.get(w2), meta.get(Widget(9), 'none'))\ndel w1\nprint(len(meta), sys.getrefcount(data), list(meta.keys()))\ntry:\n    meta[3] = 1\nexcept TypeError as e:\n    print(e)\nprint(repr(meta).startswith('<WeakKeyDictionary at 0x'), type(meta))\ns = weakref.WeakSet()\nitems = [Widget(i) for i in range(4)]\nfor it in items:\n    s.add(it)\ns.add(items[0])\nprint(len(s), items[1] in s, 3 in s, weakref.getweakrefcount(items[0]))\nprint(sorted(x.n for x in s))\ndel items[1]\nprint(len(s))\ns.discard(items[0])\nprint(len(s), sorted(x.n for x in s))\na = Widget('a')\nb = Widget('b')\na.peer = b\nb.peer = a\ns.add(a)\ndel a, b\nprint(len(s), gc.collect(), len(s))\nprint(type(s), repr(weakref.WeakSet()))\ns2 = weakref.WeakSet(items)\nprint(len(s2), s2 == weakref.WeakSet(items))\ntry:\n    s.remove(Widget(7))\nexcept KeyError:\n    print('KeyError')\nclass Counter:\n    def __init__(self):\n        self.count = 0\n    def bump(self):\n        self.count += 1\n        return self.count\nc = Counter()\nwm = weakref.WeakMethod(c.bump)\nprint(wm()(), wm()(), type(wm).__name__, isinstance(wm, weakref.ref))\ndel c\nprint(wm())\ntry:\n    weakref.WeakMethod(len)\nexcept TypeError as e:\n    print(e)\nc2 = Counter()\nwm2 = weakref.WeakMethod(c2.bump, lambda r: print('method died', r is wm2))\ndel c2\nprint('end')\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "2 3 1\n1 2 ['payload'] True False\n[(W1, ['payload']), (W2, 'two')] two none\n1 2 [W2]\ncannot create weak reference to 'int' object\nTrue <class 'weakref.WeakKeyDictionary'>\n4 True False 1\n[0, 1, 2, 3]\n3\n2 [2, 3]\n3 3 2\n<class '_weakrefset.WeakSet'> set()\n3 True\nKeyError\n1 2 WeakMethod True\nNone\nargument should be a bound method, not <class 'builtin_function_or_method'>\nmethod died True\nend\n",
  },
  {
    name: "weak_collections_order",
    program: "import weakref, gc\nclass Node:\n    def __init__(self, name):\n        self.name = name\n    def __repr__(self):\n        return self.name\n    def __del__(self):\n        print('del', self.name, len(registry), len(members))\nregistry = weakref.WeakValueDictionary()\nmembers = weakref.WeakSet()\nnodes = [Node(f'n{i}') for i in range(6)]\nfor n in nodes:\n    registry[n.name] = n\n    members.add(n)\nprint(len(registry), len(members))\nprint(sorted(repr(x) for x in members))\nr = repr(members)\nprint(r.count('<weakref at 0x'), r.count(\"to 'Node'\"))\nnodes.pop()\nnodes.pop(0)\nprint(list(registry))\na, b = nodes[0], nodes[1]\na.ref = b\nb.ref = a\ndel nodes\nprint(sorted(registry))\ndel a, b\nprint(gc.collect())\nprint(sorted(registry), len(members))\ngc.disable()\nx = Node('x')\ny = Node('y')\nregistry['x'] = x\nregistry['y'] = y\nx.y = y\ny.x = x\ndel x, y\nprint(len(registry))\nprint(gc.collect(), len(registry))\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "6 6\n['n0', 'n1', 'n2', 'n3', 'n4', 'n5']\n6 6\ndel n0 6 6\n['n1', 'n2', 'n3', 'n4', 'n5']\ndel n4 5 5\ndel n3 4 4\n['n1', 'n2', 'n5']\ndel n1 1 1\ndel n2 1 1\n6\n['n5'] 1\n3\ndel x 1 1\ndel y 1 1\n4 1\n",
  },
  {
    name: "weak_generators",
    program: "import weakref\nclass A:\n    pass\na = A()\nd = weakref.WeakValueDictionary({'a': a})\nk = weakref.WeakKeyDictionary({a: 1})\ns = weakref.WeakSet([a])\nfor g in (d.keys(), d.values(), d.items(), iter(d), k.keys(), k.values(), k.items(), iter(k), iter(s)):\n    print(type(g).__name__, repr(g).split(' at ')[0], list(g) == [] )\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "generator <generator object WeakValueDictionary.keys False\ngenerator <generator object WeakValueDictionary.values False\ngenerator <generator object WeakValueDictionary.items False\ngenerator <generator object WeakValueDictionary.keys False\ngenerator <generator object WeakKeyDictionary.keys False\ngenerator <generator object WeakKeyDictionary.values False\ngenerator <generator object WeakKeyDictionary.items False\ngenerator <generator object WeakKeyDictionary.keys False\ngenerator <generator object WeakSet.__iter__ False\n",
  },
  {
    name: "weak_collections_sizes_truth",
    program: "import weakref, sys, gc\nd = weakref.WeakValueDictionary(); k = weakref.WeakKeyDictionary(); s = weakref.WeakSet()\nprint(sys.getsizeof(d), sys.getsizeof(k), sys.getsizeof(s), gc.is_tracked(d), gc.is_tracked(s))\nprint(sys.getrefcount(d), sys.getrefcount(s))\nclass A: pass\na = A()\nd['x'] = a; k[a] = 1; s.add(a)\nprint(weakref.getweakrefcount(a), sys.getrefcount(a))\nprint(bool(d), bool(weakref.WeakSet()), bool(weakref.WeakKeyDictionary()))\nprint(d == d, s == s)\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "56 56 56 True True\n2 2\n3 2\nTrue False False\nTrue True\n",
  },
];

const mask = (s: string): string => s.replace(/0x[0-9a-f]+/g, '0x?');

describe("weakref.WeakValueDictionary / WeakKeyDictionary / WeakSet / WeakMethod as Lib/weakref.py behaves", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = new Sandbox().exec(c.program);
      expect(r.error).toBeNull();
      expect(mask(r.stdout)).toBe(c.cpython);
    });
  }
});
