/** a class's __dict__ is a read-only mappingproxy; every expected output is what python3 (3.11.7) printed for the same program. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const CASES: { name: string; program: string; cpython: string }[] = [
  {
    name: "mappingproxy",
    program: "class C:\n    x = 1\n    def f(self): pass\nprint(type(C.__dict__))\nd = C.__dict__\nprint(d['x'], 'f' in d, 'y' in d, len(d) > 0, d.get('x'), d.get('zz', 5))\ntry:\n    C.__dict__['x'] = 2\nexcept TypeError as e:\n    print(e)\ntry:\n    del C.__dict__['x']\nexcept TypeError as e:\n    print(e)\nprint(sorted(k for k in C.__dict__ if not k.startswith('__')))\nprint(list(C.__dict__.keys())[:2])\nprint(C.__dict__ == C.__dict__, C.__dict__ is C.__dict__)\nr = repr(C.__dict__)\nprint(r.startswith(\"mappingproxy({'__module__': '__main__', 'x': 1, 'f': <function C.f at 0x\"))\ntry:\n    C.__dict__.x\nexcept AttributeError as e:\n    print(e)\nimport sys, gc\nprint(sys.getsizeof(C.__dict__), gc.is_tracked(C.__dict__), sys.getrefcount(C.__dict__), len(gc.get_referents(C.__dict__)))\nprint(str(C.__dict__)[:15], type(vars(C)))\ntry:\n    hash(C.__dict__)\nexcept TypeError as e:\n    print(e)\nprint(C.__dict__.copy() == dict(C.__dict__), type(C.__dict__.copy()), C.__dict__ == C.__dict__.copy())\nc = C()\nprint(type(c.__dict__))\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "<class 'mappingproxy'>\n1 True False True 1 5\n'mappingproxy' object does not support item assignment\n'mappingproxy' object does not support item deletion\n['f', 'x']\n['__module__', 'x']\nTrue False\nTrue\n'mappingproxy' object has no attribute 'x'\n40 True 1 1\n{'__module__':  <class 'mappingproxy'>\nunhashable type: 'mappingproxy'\nTrue <class 'dict'> True\n<class 'dict'>\n",
  },
];

const mask = (s: string): string => s.replace(/0x[0-9a-f]+/g, '0x?');

describe("a class's __dict__ is a read-only mappingproxy", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = new Sandbox().exec(c.program);
      expect(r.error).toBeNull();
      expect(mask(r.stdout)).toBe(c.cpython);
    });
  }
});
