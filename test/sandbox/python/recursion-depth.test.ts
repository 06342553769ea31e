/**
 * Recursion through builtins is counted as CPython 3.11 counts it: each Python frame and
 * each C-level Py_EnterRecursiveCall (PyObject_Repr " while getting the repr of an object",
 * PyObject_Str " while getting the str of an object", PyObject_RichCompare " in comparison",
 * a C function or tp_call called " while calling a Python object") is one level of the one
 * recursion depth, and the call sites of a quickened code object (its 8th call) specialize
 * as 3.11's do (len(), str(x), sorted() then call without a level of their own). So the
 * depth a recursion reaches and the message it stops with are python3's.
 * Expected output: `python3 prog.py` (CPython 3.11.7), run as a script (the oracle adds
 * frames of its own).
 */
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';
import { engineWorker, moduleBeside } from '../../../src/threads/engine-thread.js';

const CASES = [
  {
    name: "recursive __repr__ through repr()",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\nclass A:\n    def __repr__(self):\n        global d; d += 1\n        return repr(self)\ntry:\n    repr(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "333 maximum recursion depth exceeded while calling a Python object\n",
  },
  {
    name: "recursive __repr__ through str() (object.__str__ calls tp_repr directly)",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\nclass A:\n    def __repr__(self):\n        global d; d += 1\n        return str(self)\ntry:\n    repr(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "495 maximum recursion depth exceeded\n",
  },
  {
    name: "recursive __repr__ through an f-string's !r",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\nclass A:\n    def __repr__(self):\n        global d; d += 1\n        return f\"{self!r}\"\ntry:\n    repr(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "499 maximum recursion depth exceeded while getting the repr of an object\n",
  },
  {
    name: "recursive __str__ through str()",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\nclass A:\n    def __str__(self):\n        global d; d += 1\n        return str(self)\ntry:\n    str(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "495 maximum recursion depth exceeded\n",
  },
  {
    name: "recursive __str__ through an f-string (object.__format__ is a C call)",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\nclass A:\n    def __str__(self):\n        global d; d += 1\n        return f\"{self}\"\ntry:\n    str(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "333 maximum recursion depth exceeded while calling a Python object\n",
  },
  {
    name: "recursive __str__ through print()",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\nclass A:\n    def __str__(self):\n        global d; d += 1\n        print(self)\n        return \"x\"\ntry:\n    print(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "495 maximum recursion depth exceeded\n",
  },
  {
    name: "__eq__ through ==",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\nclass A:\n    def __eq__(self, o):\n        global d; d += 1\n        return self == o\ntry:\n    A() == 1\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "499 maximum recursion depth exceeded\n",
  },
  {
    name: "__lt__ through sorted()",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\nclass A:\n    def __lt__(self, o):\n        global d; d += 1\n        return sorted([self, o])[0] is self\ntry:\n    sorted([A(), A()])\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "495 maximum recursion depth exceeded\n",
  },
  {
    name: "__hash__ through a dict lookup",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\nD = {}\nclass A:\n    def __hash__(self):\n        global d; d += 1\n        return hash(self in D)\ntry:\n    A() in D\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "999 maximum recursion depth exceeded\n",
  },
  {
    name: "__getattr__ through attribute access",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\nclass A:\n    def __getattr__(self, n):\n        global d; d += 1\n        return self.x\ntry:\n    A().y\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "999 maximum recursion depth exceeded\n",
  },
  {
    name: "__len__ through len() (PRECALL_NO_KW_LEN once quickened)",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\nclass A:\n    def __len__(self):\n        global d; d += 1\n        return len(self)\ntry:\n    len(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "991 maximum recursion depth exceeded\n",
  },
  {
    name: "a key= function calling sorted again",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\ndef k(x):\n    global d; d += 1\n    return sorted([1, 2], key=k)[0]\ntry:\n    sorted([1, 2], key=k)\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "495 maximum recursion depth exceeded\n",
  },
  {
    name: "__repr__ through a list's repr",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\nclass A:\n    def __repr__(self):\n        global d; d += 1\n        return repr([self])\ntry:\n    repr(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "250 maximum recursion depth exceeded while calling a Python object\n",
  },
  {
    name: "__repr__ through a dict's repr",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\nclass A:\n    def __repr__(self):\n        global d; d += 1\n        return repr({1: self})\ntry:\n    repr(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "250 maximum recursion depth exceeded while calling a Python object\n",
  },
  {
    name: "self-containing list and dict print [...] and {...}",
    program: "l = []; l.append(l); m = {}; m[1] = m\nprint(l, m, repr(l))\n",
    cpython: "[[...]] {1: {...}} [[...]]\n",
  },
  {
    name: "100000 nested lists: repr raises",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\nl = []\nfor i in range(100000): l = [l]\ntry:\n    print(len(repr(l)))\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "0 maximum recursion depth exceeded while getting the repr of an object\n",
  },
  {
    name: "100000 nested dicts: repr raises",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\nl = {}\nfor i in range(100000): l = {1: l}\ntry:\n    print(len(repr(l)))\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "0 maximum recursion depth exceeded while getting the repr of an object\n",
  },
  {
    name: "100000 nested tuples: repr raises",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\nl = ()\nfor i in range(100000): l = (l,)\ntry:\n    print(len(repr(l)))\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "0 maximum recursion depth exceeded while getting the repr of an object\n",
  },
  {
    name: "the deepest list nest repr prints",
    program: "import sys\ndef works(n):\n    l = []\n    for i in range(n): l = [l]\n    try:\n        repr(l); return True\n    except RecursionError:\n        return False\nlo = 1\nwhile works(lo): lo += 1\nprint(lo)\n",
    cpython: "997\n",
  },
  {
    name: "the deepest dict nest repr prints",
    program: "import sys\ndef works(n):\n    l = []\n    for i in range(n): l = {1: l}\n    try:\n        repr(l); return True\n    except RecursionError:\n        return False\nlo = 1\nwhile works(lo): lo += 1\nprint(lo)\n",
    cpython: "997\n",
  },
  {
    name: "plain Python recursion",
    program: "import sys\nsys.setrecursionlimit(1000)\nd = 0\ndef f():\n    global d; d += 1\n    f()\ntry:\n    f()\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "999 maximum recursion depth exceeded\n",
  },
  {
    name: "plain Python recursion under setrecursionlimit(5000)",
    program: "import sys\nsys.setrecursionlimit(5000)\nd = 0\ndef f():\n    global d; d += 1\n    f()\ntry:\n    f()\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "4999 maximum recursion depth exceeded\n",
  },
  {
    name: "recursive __repr__ through repr() under setrecursionlimit(2000)",
    program: "import sys\nsys.setrecursionlimit(2000)\nd = 0\nclass A:\n    def __repr__(self):\n        global d; d += 1\n        return repr(self)\ntry:\n    repr(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "666 maximum recursion depth exceeded while getting the repr of an object\n",
  },
  {
    name: "recursive __str__ through an f-string under setrecursionlimit(2000)",
    program: "import sys\nsys.setrecursionlimit(2000)\nd = 0\nclass A:\n    def __str__(self):\n        global d; d += 1\n        return f\"{self}\"\ntry:\n    str(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "666 maximum recursion depth exceeded while getting the str of an object\n",
  },
  {
    name: "recursive __str__ through str() under setrecursionlimit(2000)",
    program: "import sys\nsys.setrecursionlimit(2000)\nd = 0\nclass A:\n    def __str__(self):\n        global d; d += 1\n        return str(self)\ntry:\n    str(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "995 maximum recursion depth exceeded\n",
  },
  {
    name: "__eq__ through == under setrecursionlimit(2000)",
    program: "import sys\nsys.setrecursionlimit(2000)\nd = 0\nclass A:\n    def __eq__(self, o):\n        global d; d += 1\n        return self == o\ntry:\n    A() == 1\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "999 maximum recursion depth exceeded\n",
  },
  {
    name: "__repr__ through a list's repr under setrecursionlimit(2000)",
    program: "import sys\nsys.setrecursionlimit(2000)\nd = 0\nclass A:\n    def __repr__(self):\n        global d; d += 1\n        return repr([self])\ntry:\n    repr(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "500 maximum recursion depth exceeded while calling a Python object\n",
  },
];

/**
 * Under a raised limit the nests go deeper than a test worker's 4 MB JS stack holds: these
 * run on an engine thread (ENGINE_STACK_MB), as the server and the command line run them.
 */
const RAISED = [
  {
    name: "recursive __repr__ through repr() under setrecursionlimit(5000)",
    program: "import sys\nsys.setrecursionlimit(5000)\nd = 0\nclass A:\n    def __repr__(self):\n        global d; d += 1\n        return repr(self)\ntry:\n    repr(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "1666 maximum recursion depth exceeded while getting the repr of an object\n",
  },
  {
    name: "recursive __str__ through an f-string under setrecursionlimit(5000)",
    program: "import sys\nsys.setrecursionlimit(5000)\nd = 0\nclass A:\n    def __str__(self):\n        global d; d += 1\n        return f\"{self}\"\ntry:\n    str(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "1666 maximum recursion depth exceeded while getting the str of an object\n",
  },
  {
    name: "__eq__ through == under setrecursionlimit(5000)",
    program: "import sys\nsys.setrecursionlimit(5000)\nd = 0\nclass A:\n    def __eq__(self, o):\n        global d; d += 1\n        return self == o\ntry:\n    A() == 1\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "2499 maximum recursion depth exceeded\n",
  },
  {
    name: "__hash__ through a dict lookup under setrecursionlimit(5000)",
    program: "import sys\nsys.setrecursionlimit(5000)\nd = 0\nD = {}\nclass A:\n    def __hash__(self):\n        global d; d += 1\n        return hash(self in D)\ntry:\n    A() in D\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "4999 maximum recursion depth exceeded\n",
  },
  {
    name: "__getattr__ through attribute access under setrecursionlimit(5000)",
    program: "import sys\nsys.setrecursionlimit(5000)\nd = 0\nclass A:\n    def __getattr__(self, n):\n        global d; d += 1\n        return self.x\ntry:\n    A().y\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "4999 maximum recursion depth exceeded\n",
  },
  {
    name: "__len__ through len() under setrecursionlimit(5000)",
    program: "import sys\nsys.setrecursionlimit(5000)\nd = 0\nclass A:\n    def __len__(self):\n        global d; d += 1\n        return len(self)\ntry:\n    len(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "4991 maximum recursion depth exceeded\n",
  },
  {
    name: "__repr__ through a list's repr under setrecursionlimit(5000)",
    program: "import sys\nsys.setrecursionlimit(5000)\nd = 0\nclass A:\n    def __repr__(self):\n        global d; d += 1\n        return repr([self])\ntry:\n    repr(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "1250 maximum recursion depth exceeded while calling a Python object\n",
  },
  {
    name: "recursive __str__ through str() under setrecursionlimit(5000)",
    program: "import sys\nsys.setrecursionlimit(5000)\nd = 0\nclass A:\n    def __str__(self):\n        global d; d += 1\n        return str(self)\ntry:\n    str(A())\nexcept RecursionError as e:\n    print(d, e)\n",
    cpython: "2495 maximum recursion depth exceeded\n",
  },
  {
    name: "a 4997-deep list prints, a 4998-deep one raises, under setrecursionlimit(5000)",
    program: "import sys\nsys.setrecursionlimit(5000)\nfor n in (4997, 4998):\n    l = []\n    for i in range(n):\n        l = [l]\n    try:\n        print(n, len(repr(l)))\n    except RecursionError as e:\n        print(n, e)\n",
    cpython: "4997 9996\n4998 maximum recursion depth exceeded while getting the repr of an object\n",
  },
];

const entry = moduleBeside(import.meta.url, '../../src/threads/exec-entry.js');

function outcome(w: Worker): Promise<{ stdout: string; error: string | null }> {
  return new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
}

describe('recursion depth through builtins', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = new Sandbox().exec(c.program);
      expect(r.error).toBeNull();
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(c.cpython);
    });
  }

  for (const c of RAISED) {
    it(c.name, async () => {
      expect(await outcome(engineWorker(entry, { workerData: c.program }))).toEqual({ stdout: c.cpython, error: null });
    });
  }
});
