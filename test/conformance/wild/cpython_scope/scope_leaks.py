# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_scope.py#L457
# Adapted: ScopeTests.testLeaks as a standalone program (gc_collect is gc.collect); assertEqual becomes print.
import gc

class Foo:
    count = 0

    def __init__(self):
        Foo.count += 1

    def __del__(self):
        Foo.count -= 1

def f1():
    x = Foo()
    def f2():
        return x
    f2()

for i in range(100):
    f1()

gc.collect()
print(Foo.count)
