# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_scope.py#L785
# Adapted: ScopeTests.testCellLeak as a standalone program; gc.collect() first so the printed count depends only on the program; assertIsNone becomes print.
import gc
import weakref

gc.collect()

class Tester:
    def dig(self):
        if 0:
            lambda: self
        try:
            1/0
        except Exception as exc:
            self.exc = exc
        self = None  # Break the cycle
tester = Tester()
tester.dig()
ref = weakref.ref(tester)
del tester
print(ref() is None)
print(gc.collect())
print(ref())
