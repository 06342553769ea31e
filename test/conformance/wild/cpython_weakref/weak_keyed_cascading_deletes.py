# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1783
# Adapted: gc_collect() becomes gc.collect(); asserts become prints.
import gc
import weakref

d = weakref.WeakKeyDictionary()
mutate = False

class C(object):
    def __init__(self, i):
        self.value = i
    def __hash__(self):
        return hash(self.value)
    def __eq__(self, other):
        if mutate:
            # Side effect that mutates the dict, by removing the
            # last strong reference to a key.
            del objs[-1]
        return self.value == other.value

objs = [C(i) for i in range(4)]
for o in objs:
    d[o] = o.value
del o   # now the only strong references to keys are in objs
# Find the order in which iterkeys sees the keys.
objs = list(d.keys())
# Reverse it, so that the iteration implementation of __delitem__
# has to keep looping to find the first object we delete.
objs.reverse()

mutate = True
count = 0
for o in objs:
    count += 1
    del d[o]
gc.collect()  # For PyPy or other GCs.
print(len(d))
print(count)
