# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_descr.py#L3621
# Adapted: test_delete_hook and test_subtype_resurrection (L3866) merged; support.gc_collect() becomes gc.collect(); asserts become prints.
import gc

# Testing __del__ hook...
log = []
class C(object):
    def __del__(self):
        log.append(1)
c = C()
print(log)
del c
gc.collect()
print(log)

class D(object): pass
d = D()
try: del d[0]
except TypeError as e: print("TypeError:", e)
else: print("invalid del() didn't raise TypeError")

# Testing resurrection of new-style instance...
class C(object):
    container = []

    def __del__(self):
        # resurrect the instance
        C.container.append(self)

c = C()
c.attr = 42

# The most interesting thing here is whether this blows up, due to
# flawed GC tracking logic in typeobject.c's call_finalizer() (a 2.2.1
# bug).
del c

gc.collect()
print(len(C.container), C.container[0].attr)

# Make c mortal again, so that the test framework with -l doesn't report
# it as a leak.
del C.__del__
