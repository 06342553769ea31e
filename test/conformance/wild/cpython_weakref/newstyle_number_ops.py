# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L538
# Adapted: test_newstyle_number_ops and test_callbacks_protected (L546) merged; asserts become prints.
import weakref

class F(float):
    pass
f = F(2.0)
p = weakref.proxy(f)
print(p + 1.0)
print(1.0 + p)  # this used to SEGV

# Callbacks protected from already-set exceptions?
# Regression test for SF bug #478534.
class BogusError(Exception):
    pass
data = {}
def remove(k):
    del data[k]
def encapsulate():
    f = lambda : ()
    data[weakref.ref(f, remove)] = None
    raise BogusError
try:
    encapsulate()
except BogusError:
    print("BogusError restored")
else:
    print("exception not properly restored")
try:
    encapsulate()
except BogusError:
    print("BogusError restored")
else:
    print("exception not properly restored")
print(data)
