# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L587
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import gc

alist = [1, 3, 5]
got = gc.get_referents(alist)
got.sort()
print(got)

atuple = tuple(alist)
got = gc.get_referents(atuple)
got.sort()
print(got)

adict = {1: 3, 5: 7}
expected = [1, 3, 5, 7]
got = gc.get_referents(adict)
got.sort()
print(got)

got = gc.get_referents([1, 2], {3: 4}, (0, 0, 0))
got.sort()
print(got)

print(gc.get_referents(1, 'a', 4j))
