/** a lesson mixing weakref caches, deepcopy, finalize and pprint; every expected output is what python3 (3.11.7) printed for the same program. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../sandbox/sandbox.js';

const CASES: { name: string; program: string; cpython: string }[] = [
  {
    name: "lesson_mix",
    program: "import gc, pprint, copy, weakref, sys\ngc.collect()\npprint.pprint(gc.get_threshold())\nclass Image:\n    def __init__(self, name, size):\n        self.name = name\n        self.pixels = [0] * size\n    def __repr__(self):\n        return f'<Image {self.name}>'\n_cache = weakref.WeakValueDictionary()\ndef load(name):\n    img = _cache.get(name)\n    if img is None:\n        print('loading', name)\n        img = Image(name, 10)\n        _cache[name] = img\n    return img\na = load('cat')\nb = load('cat')\nprint(a is b, len(_cache))\ndel a, b\nprint(len(_cache), dict(_cache))\nc = load('dog')\nsnapshot = copy.deepcopy(c)\nprint(snapshot.pixels == c.pixels, snapshot.pixels is c.pixels, sys.getrefcount(c.pixels))\nf = weakref.finalize(c, print, 'dog image released')\nprint(f.alive)\ndel c\nprint(f.alive, len(_cache))\npprint.pprint({'cache': dict(_cache), 'snapshot': snapshot, 'sizes': [sys.getsizeof(x) for x in ([], {}, (), set())]})\n",
    // python3 3.11.7 printed (addresses masked):
    cpython: "(700, 10, 10)\nloading cat\nTrue 1\n0 {}\nloading dog\nTrue False 2\nTrue\ndog image released\nFalse 0\n{'cache': {}, 'sizes': [56, 64, 40, 216], 'snapshot': <Image dog>}\n",
  },
];

const mask = (s: string): string => s.replace(/0x[0-9a-f]+/g, '0x?');

describe("a lesson mixing weakref caches, deepcopy, finalize and pprint", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = new Sandbox().exec(c.program);
      expect(r.error).toBeNull();
      expect(mask(r.stdout)).toBe(c.cpython);
    });
  }
});
