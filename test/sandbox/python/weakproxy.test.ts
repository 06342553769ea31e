/** weakref.proxy forwards to its referent and raises ReferenceError once it is gone; every expected output is what python3 (3.11.7) printed for the same program. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const CASES: { name: string; program: string; cpython: string }[] = [
  {
    name: "weakref_proxy",
    program: "import weakref, sys, gc\nclass Account:\n    def __init__(self, owner):\n        self.owner = owner\n        self.items = [1, 2, 3]\n    def total(self):\n        return sum(self.items)\n    def __len__(self):\n        return len(self.items)\n    def __call__(self, x):\n        return x * 2\na = Account('ann')\np = weakref.proxy(a)\nprint(p.owner, p.total(), len(p), p.items[1], p(21))\np.owner = 'bob'\nprint(a.owner, type(p), weakref.getweakrefcount(a))\nr = weakref.ref(a)\np2 = weakref.proxy(a)\nprint(p2 is p, weakref.getweakrefcount(a), sys.getrefcount(a))\nprint(repr(p).startswith('<weakproxy at 0x'), \"to 'Account' at 0x\" in repr(p))\ndef bye(proxy):\n    print('callback', type(proxy).__name__)\np3 = weakref.proxy(a, bye)\nprint(p3 is p, weakref.getweakrefcount(a), [type(w).__name__ for w in weakref.getweakrefs(a)])\ndel a\ntry:\n    p.owner\nexcept ReferenceError as e:\n    print('ReferenceError:', e)\nprint(r())\nclass Plain:\n    pass\nq = Plain()\npq = weakref.proxy(q)\nprint(type(pq), str(pq).startswith('<__main__.Plain object at 0x'))\ntry:\n    weakref.proxy(5)\nexcept TypeError as e:\n    print(e)\nprint(weakref.ProxyType, weakref.CallableProxyType, weakref.ProxyTypes)\ndef show(label, f):\n    try:\n        r = f()\n        print(label, '->', r)\n    except Exception as e:\n        print(label, '->', type(e).__name__ + ':', e)\nshow('getweakrefcount()', lambda: weakref.getweakrefcount())\nshow('getweakrefs()', lambda: weakref.getweakrefs())\nshow('getweakrefcount(1)', lambda: weakref.getweakrefcount(1))\nshow('getweakrefs(1)', lambda: weakref.getweakrefs(1))\nshow('proxy()', lambda: weakref.proxy())\nshow('ref()', lambda: weakref.ref())\nshow('ref(q, None, 3)', lambda: weakref.ref(q, None, 3))\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "ann 6 3 2 42\nbob <class 'weakref.CallableProxyType'> 1\nTrue 2 2\nTrue False\nFalse 3 ['ReferenceType', 'CallableProxyType', 'CallableProxyType']\ncallback CallableProxyType\nReferenceError: weakly-referenced object no longer exists\nNone\n<class 'weakref.ProxyType'> True\ncannot create weak reference to 'int' object\n<class 'weakref.ProxyType'> <class 'weakref.CallableProxyType'> (<class 'weakref.ProxyType'>, <class 'weakref.CallableProxyType'>)\ngetweakrefcount() -> TypeError: _weakref.getweakrefcount() takes exactly one argument (0 given)\ngetweakrefs() -> TypeError: _weakref.getweakrefs() takes exactly one argument (0 given)\ngetweakrefcount(1) -> 0\ngetweakrefs(1) -> []\nproxy() -> TypeError: proxy expected at least 1 argument, got 0\nref() -> TypeError: __new__ expected at least 1 argument, got 0\nref(q, None, 3) -> TypeError: __new__ expected at most 2 arguments, got 3\n",
  },
  {
    name: "proxy_truth",
    program: "import weakref\nclass A:\n    pass\na = A()\np = weakref.proxy(a)\nprint(bool(p))\nclass E:\n    def __len__(self):\n        return 0\ne = E()\nprint(bool(weakref.proxy(e)))\nclass C:\n    x = 1\nprint(bool(C.__dict__))\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "True\nFalse\nTrue\n",
  },
];

const mask = (s: string): string => s.replace(/0x[0-9a-f]+/g, '0x?');

describe("weakref.proxy forwards to its referent and raises ReferenceError once it is gone", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = new Sandbox().exec(c.program);
      expect(r.error).toBeNull();
      expect(mask(r.stdout)).toBe(c.cpython);
    });
  }
});
