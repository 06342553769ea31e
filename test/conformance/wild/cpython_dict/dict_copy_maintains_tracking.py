# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_dict.py#L355
# Adapted: DictTest.test_copy_maintains_tracking as a standalone program; the assertEqual becomes a print of both flags.
import gc

class A:
    pass

key = A()

for d in ({}, {'a': 1}, {key: 'val'}):
    d2 = d.copy()
    print(gc.is_tracked(d), gc.is_tracked(d2), gc.is_tracked(d) == gc.is_tracked(d2))
