# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L726
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import copy

class C(dict):
    def __init__(self, d=None):
        if not d:
            d = {}
        self._keys = list(d.keys())
        super().__init__(d)
    def __setitem__(self, key, item):
        super().__setitem__(key, item)
        if key not in self._keys:
            self._keys.append(key)
x = C(d={'foo':0})
y = copy.deepcopy(x)
print(x == y, y)
print(x._keys == y._keys, y._keys)
print(x is not y)
x['bar'] = 1
print(x != y)
print(x._keys != y._keys, x._keys)
