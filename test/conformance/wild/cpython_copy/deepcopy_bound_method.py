# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L894
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import copy

class Foo(object):
    def m(self):
        pass
f = Foo()
f.b = f.m
g = copy.deepcopy(f)
print(g.m == g.b)
print(g.b.__self__ is g)
print(g.b())
