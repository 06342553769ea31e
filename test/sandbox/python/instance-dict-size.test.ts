/**
 * sys.getsizeof(obj.__dict__): 3.11 instance dicts are split tables over keys the class
 * shares, sized 64 + 8 x (shared keys + their remaining room); expected output from python3.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const PROGRAM = 'import sys\nclass C: pass\na = C()\nprint(sys.getsizeof(a.__dict__), a.__dict__)\na.x = 1\nprint(sys.getsizeof(a.__dict__), a.__dict__)\nb = C(); c = C()\nprint(sys.getsizeof(a.__dict__))\nb.y = 2\nprint(sys.getsizeof(b.__dict__), b.__dict__)\nclass D:\n    def __init__(self):\n        self.p = 1\n        self.q = 2\nds = [D() for i in range(5)]\nprint(sys.getsizeof(ds[0].__dict__), sys.getsizeof(ds[4].__dict__))\nd0 = ds[0].__dict__\nd0["r"] = 3\nprint(sys.getsizeof(d0), d0)\ncs = [C() for i in range(40)]\nprint(sys.getsizeof(cs[0].__dict__))\nfor i in range(40): setattr(cs[1], \'a%d\' % i, i)\nprint(sys.getsizeof(cs[1].__dict__), len(cs[1].__dict__))\ndel ds[1].p\nprint(sys.getsizeof(ds[1].__dict__), ds[1].__dict__)\n';

// python3 3.11.7 printed:
const CPYTHON = "296 {}\n296 {'x': 1}\n280\n280 {'y': 2}\n264 264\n264 {'p': 1, 'q': 2, 'r': 3}\n88\n832 40\n264 {'q': 2}\n";

describe('instance __dict__ sizes', () => {
  it('follow the class shared keys, and become ordinary tables when a key breaks their order', () => {
    const r = new Sandbox().exec(PROGRAM);
    expect(r.error).toBeNull();
    expect(r.stdout).toBe(CPYTHON);
  });
  // 3.11's split tables keep their values' insertion order, so d[k] = v and d.setdefault(k, v)
  // with a key the shared keys hold stay split in any order, and a new key joins the shared
  // keys while they have room (test_dict's test_splittable_setdefault printed 272 for 288).
  it('stay split when a shared key is set out of order, by [] or setdefault', () => {
    const r = new Sandbox().exec("import sys\ndef fresh():\n    class C:\n        pass\n    out = []\n    for i in range(2):\n        a = C()\n        a.x, a.y, a.z = 1, 2, 3\n        out.append(a.__dict__)\n    return out\nS = sys.getsizeof\na, b = fresh(); print(\"fresh\", S(a), S(b))\na, b = fresh(); a['a'] = 1; print(\"a[new]\", S(a), S(b))\na, b = fresh(); a['a'] = 1; b['a'] = 1; print(\"b[shared in order]\", S(b))\na, b = fresh(); a['a'] = 1; a['b'] = 1; b['b'] = 1; print(\"b[shared out of order]\", S(b), list(b))\na, b = fresh(); a['a'] = 1; b['q'] = 1; print(\"b[new, shared has more]\", S(b), list(b))\na, b = fresh(); a.setdefault('a', 1); print(\"a.setdefault(new)\", S(a), S(b))\na, b = fresh(); a['a'] = 1; b.setdefault('a', 1); print(\"b.setdefault(shared in order)\", S(b))\na, b = fresh(); a['a'] = 1; a['b'] = 1; b.setdefault('b', 1); print(\"b.setdefault(shared out of order)\", S(b), list(b))\na, b = fresh(); a['a'] = 1; b.setdefault('q', 1); print(\"b.setdefault(new, shared has more)\", S(b))\na, b = fresh(); a['a'] = 1; a['b'] = 1; print(\"a after 2 new\", S(a))\n\nclass C:\n    pass\ndef mk(n):\n    out = []\n    for i in range(n):\n        a = C()\n        a.x, a.y, a.z = 1, 2, 3\n        out.append(a.__dict__)\n    return out\na, b = mk(2)\na['a'] = 1; a['b'] = 2\nb.setdefault('b', 2)\nprint(S(b), list(b))\nc, d = mk(2)\nprint(\"cd\", S(c), S(d))\nd['b'] = 2\nprint(S(d), list(d))\ne, f = mk(2)\nprint(\"ef\", S(e), S(f))\nf.setdefault('b', 2)\nprint(S(f), list(f))\ng, h = mk(2)\nh['b'] = 2\nprint(S(h), list(h))\ni, j = mk(2)\nj.setdefault('x', 2)\nj.setdefault('a', 2)\nprint(S(j), list(j))\n");
    expect(r.error).toBeNull();
    expect(r.stdout).toBe("fresh 288 288\na[new] 288 288\nb[shared in order] 288\nb[shared out of order] 288 ['x', 'y', 'z', 'b']\nb[new, shared has more] 288 ['x', 'y', 'z', 'q']\na.setdefault(new) 288 288\nb.setdefault(shared in order) 288\nb.setdefault(shared out of order) 288 ['x', 'y', 'z', 'b']\nb.setdefault(new, shared has more) 288\na after 2 new 288\n288 ['x', 'y', 'z', 'b']\ncd 272 272\n272 ['x', 'y', 'z', 'b']\nef 256 256\n256 ['x', 'y', 'z', 'b']\n240 ['x', 'y', 'z', 'b']\n224 ['x', 'y', 'z', 'a']\n");
  });
  // dict_popitem_impl turns a split table into an ordinary one as large as the shared keys
  // (2**6 slots) before popping; an empty one raises first and stays split.
  it('become an ordinary 64-slot table on popitem()', () => {
    const r = new Sandbox().exec("import sys\nclass C:\n    pass\na = C()\na.x, a.y, a.z = 1, 2, 3\nd = a.__dict__\nprint(sys.getsizeof(d), d.popitem(), sys.getsizeof(d), d)\nprint(d.popitem(), sys.getsizeof(d))\na.w = 4\nprint(a.__dict__, sys.getsizeof(a.__dict__), a.x, a.w)\nb = C()\ne = b.__dict__\ntry:\n    e.popitem()\nexcept KeyError as k:\n    print('KeyError', k, sys.getsizeof(e))\n");
    expect(r.error).toBeNull();
    expect(r.stdout).toBe("296 ('z', 3) 832 {'x': 1, 'y': 2}\n('y', 2) 832\n{'x': 1, 'w': 4} 832 1 4\nKeyError 'popitem(): dictionary is empty' 288\n");
  });
});
