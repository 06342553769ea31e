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
  ["assigning or deleting frame attributes: f_lineno refuses deletion and a non-int, getsets are not writable, methods are read-only, anything else does not exist",
    "import sys\nf = sys._getframe()\ntry:\n    del f.f_lineno\n    print('del f.f_lineno', 'ok')\nexcept Exception as e:\n    print('del f.f_lineno', type(e).__name__, e)\ntry:\n    del f.f_back\n    print('del f.f_back', 'ok')\nexcept Exception as e:\n    print('del f.f_back', type(e).__name__, e)\ntry:\n    f.f_back = 1\n    print('f.f_back = 1', 'ok')\nexcept Exception as e:\n    print('f.f_back = 1', type(e).__name__, e)\ntry:\n    del f.f_locals\n    print('del f.f_locals', 'ok')\nexcept Exception as e:\n    print('del f.f_locals', type(e).__name__, e)\ntry:\n    f.x = 1\n    print('f.x = 1', 'ok')\nexcept Exception as e:\n    print('f.x = 1', type(e).__name__, e)\ntry:\n    del f.x\n    print('del f.x', 'ok')\nexcept Exception as e:\n    print('del f.x', type(e).__name__, e)\ntry:\n    f.f_lineno = 'a'\n    print(\"f.f_lineno = 'a'\", 'ok')\nexcept Exception as e:\n    print(\"f.f_lineno = 'a'\", type(e).__name__, e)\ntry:\n    del f.clear\n    print('del f.clear', 'ok')\nexcept Exception as e:\n    print('del f.clear', type(e).__name__, e)\ntry:\n    f.clear = 1\n    print('f.clear = 1', 'ok')\nexcept Exception as e:\n    print('f.clear = 1', type(e).__name__, e)\n",
    "del f.f_lineno AttributeError cannot delete attribute\ndel f.f_back AttributeError attribute 'f_back' of 'frame' objects is not writable\nf.f_back = 1 AttributeError attribute 'f_back' of 'frame' objects is not writable\ndel f.f_locals AttributeError attribute 'f_locals' of 'frame' objects is not writable\nf.x = 1 AttributeError 'frame' object has no attribute 'x'\ndel f.x AttributeError 'frame' object has no attribute 'x'\nf.f_lineno = 'a' ValueError lineno must be an integer\ndel f.clear AttributeError 'frame' object attribute 'clear' is read-only\nf.clear = 1 AttributeError 'frame' object attribute 'clear' is read-only\n"],
  ["frame.clear(): an exited frame a traceback keeps drops its locals (the f_locals dict stays until read); a suspended generator's frame closes the generator; a running frame cannot be cleared",
    "import gc, weakref, sys\ngc.disable()\nclass C: pass\ndef inner(c):\n    1/0\ndef outer(c):\n    try:\n        inner(c)\n    except ZeroDivisionError as e:\n        return e\nc = C()\nwr = weakref.ref(c)\nexc = outer(c)\nf = exc.__traceback__.tb_next.tb_frame\nd = f.f_locals\nprint(list(d))\ndel c\nf.clear()\nprint(wr() is not None, list(d))\nexc.__traceback__.tb_frame.clear()\nprint(wr() is None)\ndel d\nprint(wr() is None)\nx = 1\ndef g():\n    y = [1]\n    yield y\n    yield 2\ngen = g()\nnext(gen)\nfr = gen.gi_frame\nfr.clear()\nprint(gen.gi_frame, next(gen, \"done\"))\n# executing: module frame\ntry:\n    sys._getframe().clear()\nexcept RuntimeError as e:\n    print(e)\ndef h():\n    fr = sys._getframe()\n    yield fr\ngen2 = h()\nfr2 = next(gen2)\ntry:\n    fr2.clear()\n    print('cleared', gen2.gi_frame)\nexcept RuntimeError as e:\n    print(e)\ndef k():\n    gen3.gi_frame.clear()\n    yield 1\ngen3 = k()\ntry:\n    next(gen3)\nexcept RuntimeError as e:\n    print(e)\nprint(f.clear(), f.f_locals)\n",
    "['c']\nTrue ['c']\nFalse\nFalse\nNone done\ncannot clear an executing frame\ncleared None\ncannot clear an executing frame\nNone {}\n"],
];

describe('introspection', () => {
  for (const [title, src, cpython] of CASES) {
    it(title, () => {
      expect(run(src)).toBe(cpython);
    });
  }
});
