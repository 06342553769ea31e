/**
 * A program that nests Python in a builtin 900 deep: each dict insertion calls __hash__,
 * which inserts the next key. Node's default main-thread stack held under 300 such nests;
 * an engine thread holds CPython's 1000. python3 (3.11.7) prints 900.
 */
export const DEEP_HASH = 'class Key:\n    def __init__(self, n):\n        self.n = n\n    def __hash__(self):\n' +
  '        global deepest\n        deepest = max(deepest, self.n)\n        if self.n:\n            {Key(self.n - 1): None}\n' +
  '        return self.n\ndeepest = 0\n{Key(900): None}\nprint(deepest)\n';
export const DEEP_HASH_STDOUT = '900\n';

/**
 * A __repr__ that builds a list holding the next R: 900 nests, the costliest path measured
 * (about 5 KB of JS stack a nest, more than a default 4 MB worker holds), under a raised
 * recursion limit. python3 (3.11.7) prints 1801.
 */
export const DEEP_REPR = 'import sys\nsys.setrecursionlimit(5000)\nclass R:\n    def __init__(self, n):\n        self.n = n\n' +
  '    def __repr__(self):\n        return str([R(self.n - 1)]) if self.n else "R"\nprint(len(repr(R(900))))\n';
export const DEEP_REPR_STDOUT = '1801\n';
