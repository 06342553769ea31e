/**
 * locals(), globals(), sys._getframe() and frame attributes, with their refcount effects.
 * Expected outputs: python3 3.11.7 running each program as prog.py under the oracle.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

function run(src: string): string {
  const r = new Sandbox().exec(src);
  return (r.stdout + r.stderr).replaceAll('<sandbox>', 'prog.py');
}

const CASES: [string, string, string][] = [
  ["locals() in a function holds references to the values; sys._getframe() names the code and its caller; globals() is the module dict",
    "import sys\ndef f():\n    a = [1]\n    b = 'x'\n    d = locals()\n    print(sorted(d), sys.getrefcount(a))\n    fr = sys._getframe()\n    print(fr.f_code.co_name, fr.f_lineno, fr.f_back.f_code.co_name)\n    print(sys.getrefcount(a))\nf()\ng = globals()\nprint(type(g), 'f' in g, g['f'] is f)\nx = [1, 2]\nprint(sys.getrefcount(x))\nprint(sys.getrefcount(g['x']))\n",
    "['a', 'b'] 3\nf 8 <module>\n3\n<class 'dict'> True True\n2\n2\n"],
  ["locals() is one dict per frame, refreshed; a frame kept after return keeps its locals; closures, class bodies, _getframe(depth) and its ValueError",
    "import sys, gc\nprint(locals() is globals(), sys._getframe().f_code.co_name)\ndef g(x):\n    y = [x]\n    l1 = locals()\n    z = 5\n    l2 = locals()\n    print(l1 is l2, sorted(l2), sys.getrefcount(y))\n    del z\n    print(sorted(locals()))\n    return sys._getframe()\nfr = g(1000)\nprint(fr.f_lineno, fr.f_code.co_name, fr.f_back.f_code.co_name, sorted(fr.f_locals))\nprint(sys.getrefcount(fr.f_locals['y']))\ndef outer():\n    v = 'val'\n    def inner():\n        return v, sorted(locals()), sys._getframe(1).f_code.co_name\n    return inner()\nprint(outer())\nclass K:\n    a = 1\n    names = sorted(locals())\nprint(K.names)\ntry:\n    sys._getframe(50)\nexcept ValueError as e:\n    print('ValueError:', e)\ndef h():\n    q = []\n    q.append(q)\n    return sys._getframe()\nf2 = h()\nprint(sys.getrefcount(f2))\ndel f2, fr\nprint(gc.collect())\nprint(sys._getframe().f_globals is globals(), sys._getframe().f_code.co_filename == __file__ if False else 'ok')\n",
    "True <module>\nTrue ['l1', 'x', 'y', 'z'] 3\n['l1', 'l2', 'x', 'y']\n11 g <module> ['l1', 'l2', 'x', 'y']\n3\n('val', ['v'], 'outer')\n['__module__', '__qualname__', 'a']\nValueError: call stack is not deep enough\n2\n3\nTrue ok\n"],
];

describe('introspection', () => {
  for (const [title, src, cpython] of CASES) {
    it(title, () => {
      expect(run(src)).toBe(cpython);
    });
  }
});
