// weakref.ref: live refs compare and hash through their referents, dead ones by identity; argument checks; __callback__; a bound builtin method as callback.
// Expected outputs were produced by CPython 3.11.7 (conformance/oracle.py) and hard-coded here.
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';
import { compareOutcome } from '../../conformance/run-sandbox.js';

const CASES: Record<string, { source: string; stdout: string; stderr: string }> = {
  "weakref_ref": { source: "import gc, weakref\nclass O:\n    def __init__(self, v): self.v = v\n    def __eq__(self, o): return isinstance(o, O) and self.v == o.v\n    def __hash__(self): return hash(self.v)\nx, y, z = O(1), O(1), O(2)\na, b, c = weakref.ref(x), weakref.ref(y), weakref.ref(z, print)\nprint(a == b, a != b, a == c, a == x, hash(a) == hash(1))\nprint(c.__callback__ is print, a.__callback__)\nfor f in (lambda: weakref.ref(x, callback=None), lambda: weakref.ref(), lambda: weakref.ref(x, None, 1), lambda: a.__init__(1, 2, 3)):\n    try:\n        f()\n    except TypeError as e:\n        print(e)\nprint(a.__init__(x))\ntry:\n    a.__callback__ = None\nexcept AttributeError as e:\n    print(e)\nfor op in (lambda: a < b, lambda: a >= b):\n    try:\n        op()\n    except TypeError as e:\n        print(e)\nl = []\nd = weakref.ref(x, l.append)\ndel x, y, z\ngc.collect()\nprint(a == b, a != b, a == a, hash(a) == hash(1), l == [d], c.__callback__)\ntry:\n    hash(b)\nexcept TypeError as e:\n    print(e)\n", stdout: "True False False False True\nTrue None\nref() takes no keyword arguments\n__new__ expected at least 1 argument, got 0\n__new__ expected at most 2 arguments, got 3\n__init__ expected at most 2 arguments, got 3\nNone\nreadonly attribute\n'<' not supported between instances of 'weakref.ReferenceType' and 'weakref.ReferenceType'\n'>=' not supported between instances of 'weakref.ReferenceType' and 'weakref.ReferenceType'\n<weakref at 0x7fadd54a0130; dead>\nFalse True True True True None\nweak object has gone away\n", stderr: "" },
  "weakref_type_module": { source: "import weakref\nfor name in ('ReferenceType', 'ProxyType', 'CallableProxyType', 'WeakMethod', 'WeakSet', 'WeakKeyDictionary', 'WeakValueDictionary'):\n    obj = getattr(weakref, name)\n    print(name, obj.__module__, obj.__name__, obj.__qualname__)\nprint(weakref.ref.__module__, type(weakref.ref(weakref.WeakSet)).__module__, weakref.ref)\n", stdout: "ReferenceType weakref ReferenceType ReferenceType\nProxyType weakref ProxyType ProxyType\nCallableProxyType weakref CallableProxyType CallableProxyType\nWeakMethod weakref WeakMethod WeakMethod\nWeakSet _weakrefset WeakSet WeakSet\nWeakKeyDictionary weakref WeakKeyDictionary WeakKeyDictionary\nWeakValueDictionary weakref WeakValueDictionary WeakValueDictionary\nweakref weakref <class 'weakref.ReferenceType'>\n", stderr: "" },
};

describe('weakref.ref: equality, hash, arguments, __callback__', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, () => {
      const r = new Sandbox().exec(c.source);
      expect(compareOutcome(r, c)).toBeNull();
    });
  }
});
