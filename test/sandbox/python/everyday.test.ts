/**
 * Everyday lesson constructs found answering differently from CPython by probing (a property
 * setter, three-argument pow). Expected output: python3 3.11.7 under the oracle, addresses
 * masked.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../sandbox/sandbox.js';

const mask = (s: string): string => s.replace(/0x[0-9a-f]+/g, '0x?');

const CASES: { name: string; program: string; cpython: string }[] = [
  {
    name: "property_setter_and_lesson_basics",
    program: "import sys, gc, weakref\nclass Account:\n    interest = 0.02\n    def __init__(self, owner, balance=0):\n        self.owner = owner\n        self._balance = balance\n    @property\n    def balance(self):\n        return self._balance\n    @balance.setter\n    def balance(self, v):\n        if v < 0: raise ValueError(\"negative\")\n        self._balance = v\n    def __repr__(self):\n        return f\"Account({self.owner!r}, {self._balance:,.2f})\"\n    def __str__(self):\n        return f\"{self.owner}: {self._balance:>10.1f}\"\n    @classmethod\n    def make(cls, o): return cls(o, 100)\n    @staticmethod\n    def rate(): return Account.interest\na = Account.make(\"ann\")\nprint(a, repr(a), str(a), f\"{a}\", f\"{a!r}\")\na.balance = 5\ntry: a.balance = -1\nexcept ValueError as e: print(\"VE\", e)\nprint(Account.rate(), a.rate(), vars(a), Account.__dict__['balance'])\ndef f(x, acc=[]):\n    acc.append(x); return acc\nprint(f(1), f(2), f.__defaults__)\ndef counter():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\nc = counter(); c(); print(c(), c.__closure__[0].cell_contents)\ndef tf():\n    try:\n        return 1\n    finally:\n        print(\"finally\")\nprint(tf())\nprint(f\"{3.14159:.2f} {42:05d} {'x':*^7} {1234567:,} {0.5:%} {255:#x} {255:b} {1e-7} {1/3}\")\nprint(sorted([3,1,2], reverse=True), sorted(\"bca\"), sorted({'b':1,'a':2}.items(), key=lambda kv: kv[1]))\nprint([i*i for i in range(5) if i%2], {k: v for k, v in zip('ab', (1, 2))}, {x % 3 for x in range(10)})\ng = (x for x in range(3)); print(next(g), list(g), sys.getsizeof(g) > 0)\nprint(divmod(7, 2), 7 // -2, -7 % 3, 2 ** -1, round(2.5), round(3.5), round(2.675, 2), int('42'), float('1e3'))\nprint(isinstance(True, int), type(1) is int, 1 == 1.0, hash(1) == hash(1.0), bool([]), bool([0]))\ns = \"hello world\"\nprint(s.title(), s.split(), s.replace('o', '0', 1), s[::-1], s.find('o'), s.count('l'), s.upper().center(15, '-'))\nprint(list(enumerate('ab', 1)), list(zip([1,2],[3,4],[5,6])), list(map(str, [1,2])), list(filter(None, [0,1,2])))\nprint(min([3,1,2]), max('abc'), sum([1,2,3], 10), any([]), all([]), abs(-3.5), pow(2, 10, 1000))\nd = {'a': 1}; d.setdefault('b', []).append(1); print(d, d.get('z', 0), list(d.items()), d.pop('a'), d)\nprint(\" \".join([\"a\", \"b\"]), \"%s is %d years\" % (\"Bob\", 30), \"{} {}\".format(1, 2), \"{0:>5}|{1:<5}|\".format('r', 'l'))\n",
    cpython: "ann:      100.0 Account('ann', 100.00) ann:      100.0 ann:      100.0 Account('ann', 100.00)\nVE negative\n0.02 0.02 {'owner': 'ann', '_balance': 5} <property object at 0x?>\n[1, 2] [1, 2] ([1, 2],)\n2 2\nfinally\n1\n3.14 00042 ***x*** 1,234,567 50.000000% 0x? 11111111 1e-07 0.3333333333333333\n[3, 2, 1] ['a', 'b', 'c'] [('b', 1), ('a', 2)]\n[1, 9] {'a': 1, 'b': 2} {0, 1, 2}\n0 [1, 2] True\n(3, 1) -4 2 0.5 2 4 2.67 42 1000.0\nTrue True True True False True\nHello World ['hello', 'world'] hell0 world dlrow olleh 4 3 --HELLO WORLD--\n[(1, 'a'), (2, 'b')] [(1, 3, 5), (2, 4, 6)] ['1', '2'] [1, 2]\n1 c 16 False True 3.5 24\n{'b': [1]} 0 [('a', 1), ('b', [1])] 1 {'b': [1]}\na b Bob is 30 years 1 2     r|l    |\n",
  },
  {
    name: "pow_with_modulus",
    program: "print(pow(2,10,1000), pow(-2,3,5), pow(2,3,-5), pow(3,-1,7), pow(True,2,3), pow(7, 0, 1), pow(7, 0, -1))\nfor a in [(2,-1,4),(2,3,0),(2.0,3,5),(2,3,5.0)]:\n    try: print(pow(*a))\n    except Exception as e: print(type(e).__name__, e)\nprint(pow(2, 3, None), pow(base=2, exp=5, mod=7), pow(2, 10), pow(2.0, 0.5))\nprint(pow(12345678901234567890, 98765432109876543210, 10**20 + 39))\ntry: pow(1, 2, 3, 4)\nexcept TypeError as e: print(e)\ntry: pow(2)\nexcept TypeError as e: print(e)\ntry: pow(2, 3, mod=5, z=1)\nexcept TypeError as e: print(e)\n",
    cpython: "24 2 -2 5 1 0 0\nValueError base is not invertible for the given modulus\nValueError pow() 3rd argument cannot be 0\nTypeError pow() 3rd argument not allowed unless all arguments are integers\nTypeError pow() 3rd argument not allowed unless all arguments are integers\n8 4 1024 1.4142135623730951\n78275203619974841331\npow() takes at most 3 arguments (4 given)\npow() missing required argument 'exp' (pos 2)\npow() takes at most 3 arguments (4 given)\n",
  },
];

describe('everyday builtins as CPython 3.11 runs them', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = new Sandbox().exec(c.program);
      expect(r.error).toBeNull();
      expect(mask(r.stdout)).toBe(c.cpython);
    });
  }
});
