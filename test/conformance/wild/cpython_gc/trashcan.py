# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L400
# Adapted: setUpModule's gc.disable() kept; the test only checks nothing crashes, so it prints how many finalizers ran.
import gc
gc.disable()
gc.collect()

class Ouch:
    n = 0
    def __del__(self):
        Ouch.n = Ouch.n + 1
        if Ouch.n % 17 == 0:
            gc.collect()

# "trashcan" is a hack to prevent stack overflow when deallocating
# very deeply nested tuples etc.  It works in part by abusing the
# type pointer and refcount fields, and that can yield horrible
# problems when gc tries to traverse the structures.
gc.enable()
N = 150
for count in range(2):
    t = []
    for i in range(N):
        t = [t, Ouch()]
    u = []
    for i in range(N):
        u = [u, Ouch()]
    v = {}
    for i in range(N):
        v = {1: v, 2: Ouch()}
gc.disable()
print(Ouch.n)
