# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L180
# Adapted: TestBase.callback becomes a global counter; gc_collect() becomes gc.collect(); assertRaises becomes a print of the exception.
import gc
import weakref

class C:
    def method(self):
        pass

cbcalled = 0
def callback(ref):
    global cbcalled
    cbcalled += 1

o = C()
o.bar = 1
ref1 = weakref.proxy(o, callback)
ref2 = weakref.proxy(o, callback)
del o
gc.collect()  # For PyPy or other GCs.

def check(proxy):
    proxy.bar

for p in (ref1, ref2):
    try:
        check(p)
    except ReferenceError as e:
        print("ReferenceError:", e)
ref3 = weakref.proxy(C())
gc.collect()  # For PyPy or other GCs.
try:
    bool(ref3)
except ReferenceError as e:
    print("ReferenceError:", e)
print(cbcalled)
