/** weakref repr and weakref.finalize; every expected output is what python3 (3.11.7) printed for the same program. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const CASES: { name: string; program: string; cpython: string }[] = [
  {
    name: "finalize_kwargs_atexit",
    program: "import weakref, sys\nclass Foo: pass\na = Foo()\ndef cb(*args, **kw): print('cb', args, kw); return 42\nf = weakref.finalize(a, cb, 1, 2, sep='-', end='!')\nprint(f.alive, f.atexit)\np = f.peek()\nprint(type(p), len(p), p[1] is cb, p[2], p[3])\ndel p\nf.atexit = False\nprint(f.atexit)\nprint(f)\nprint(f())\nprint(f.alive, f.peek(), f.detach(), f())\nb = Foo()\ng = weakref.finalize(b, cb, x=1)\nd = g.detach()\nprint(d[2], d[3], g.alive, d[0] is b)\ndel d\ndel b\nprint('after del b')\nc = Foo()\nh = weakref.finalize(c, cb, 'c')\nprint(sys.getrefcount(h))\ndel c\nprint(h.alive)\nprint(h)\nweakref.finalize(Foo(), print, 'gone')\nprint(weakref.finalize.__name__)\ntry:\n    weakref.finalize(Foo())\nexcept TypeError as e: print(e)\ntry:\n    weakref.finalize()\nexcept TypeError as e: print(e)\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "True True\n<class 'tuple'> 4 True (1, 2) {'sep': '-', 'end': '!'}\nFalse\n<finalize object at 0x?; for 'Foo' at 0x?>\ncb (1, 2) {'sep': '-', 'end': '!'}\n42\nFalse None None None\n() {'x': 1} False True\nafter del b\n4\ncb ('c',) {}\nFalse\n<finalize object at 0x?; dead>\ngone\nfinalize\nfinalize.__init__() missing 1 required positional argument: 'func'\nfinalize.__init__() missing 2 required positional arguments: 'obj' and 'func'\n",
  },
  {
    name: "repr_names",
    program: "import weakref\nclass Foo:\n    def m(self): pass\nclass Bar:\n    __name__ = 'custom'\nclass Baz:\n    @property\n    def __name__(self): return 'prop'\na = Foo(); b = Bar(); z = Baz()\nprint(weakref.ref(a))\nprint(weakref.ref(Foo.m))\nprint(weakref.ref(b))\nprint(weakref.ref(z))\nimport gc\nprint(weakref.ref(gc))\nprint(weakref.ref(len))\nm = a.m\nprint(weakref.ref(m))\ndef g(): yield 1\nx = g()\nprint(weakref.ref(x))\nprint(weakref.ref(Foo))\ndef f(): pass\nw = weakref.ref(f)\ndel f\nprint(w)\nprint(weakref.ref)\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "<weakref at 0x?; to 'Foo' at 0x?>\n<weakref at 0x?; to 'function' at 0x? (m)>\n<weakref at 0x?; to 'Bar' at 0x? (custom)>\n<weakref at 0x?; to 'Baz' at 0x? (prop)>\n<weakref at 0x?; to 'module' at 0x?>\n<weakref at 0x?; to 'builtin_function_or_method' at 0x? (len)>\n<weakref at 0x?; to 'method' at 0x?>\n<weakref at 0x?; to 'generator' at 0x? (g)>\n<weakref at 0x?; to 'type' at 0x? (Foo)>\n<weakref at 0x?; dead>\n<class 'weakref.ReferenceType'>\n",
  },
];

const mask = (s: string): string => s.replace(/0x[0-9a-f]+/g, '0x?');

describe("weakref repr and weakref.finalize", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = new Sandbox().exec(c.program);
      expect(r.error).toBeNull();
      expect(mask(r.stdout)).toBe(c.cpython);
    });
  }
});
