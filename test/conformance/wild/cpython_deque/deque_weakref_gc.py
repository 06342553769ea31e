# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_deque.py#L860
# Adapted: TestBasic.test_weakref and test_gc_doesnt_blowup as one program; assertions become prints, the ReferenceError is caught and printed.
import gc
import weakref
from collections import deque

d = deque('gallahad')
p = weakref.proxy(d)
print(str(p) == str(d), str(p))
d = None
gc.collect()
try:
    str(p)
except ReferenceError as e:
    print("ReferenceError:", e)

d = deque()
for i in range(100):
    d.append(1)
    gc.collect()
print(len(d), gc.is_tracked(d))
