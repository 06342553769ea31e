# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L818
# Adapted: test_ref_created_during_del and test_init (L830) merged; prints what the weakref sees and the exception assertRaises expects.
import gc
import weakref

ref_from_del = None

# Bug #1377858
class Target(object):
    def __del__(self):
        global ref_from_del
        ref_from_del = weakref.ref(self)

w = Target()
del w
print(ref_from_del)

# Issue 3634
# <weakref to class>.__init__() doesn't check errors correctly
r = weakref.ref(Exception)
try:
    r.__init__(0, 0, 0, 0, 0)
except TypeError as e:
    print("TypeError:", e)
# No exception should be raised here
gc.collect()
