# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L546
# Adapted: ReferencesTestCase.test_callbacks_protected and test_multiple_selfref_callbacks in one program; self.ref becomes a global; what the test checks is printed.
import weakref

class BogusError(Exception):
    pass
data = {}
def remove(k):
    del data[k]
def encapsulate():
    f = lambda : ()
    data[weakref.ref(f, remove)] = None
    raise BogusError
for i in range(2):
    try:
        encapsulate()
    except BogusError:
        print("BogusError restored", len(data))

class C:
    pass
calls = []
def callback(object):
    calls.append(ref())
c = C()
ref = weakref.ref(c, callback)
ref1 = weakref.ref(c, callback)
del c
print(calls)
