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
});
