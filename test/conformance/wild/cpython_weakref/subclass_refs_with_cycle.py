# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1036
# Adapted: TestBase's cbcalled becomes a global; asserts become prints.
import weakref

class C:
    def method(self):
        pass

class MyRef(weakref.ref):
    pass

cbcalled = 0
def callback(w):
    global cbcalled
    cbcalled += 1

o = C()
r1 = MyRef(o, callback)
r1.o = o
del o

del r1 # Used to crash here

print(cbcalled)

# Same test, with two weakrefs to the same object
# (since code paths are different)
o = C()
r1 = MyRef(o, callback)
r2 = MyRef(o, callback)
r1.r = r2
r2.o = o
del o
del r2

del r1 # Used to crash here

print(cbcalled)
