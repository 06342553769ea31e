# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_functools.py#L171
# Adapted: TestPartial.test_weakref with self.partial = functools.partial; support.gc_collect() becomes gc.collect(); assertRaises becomes a print of the exception.
import functools
import gc
from weakref import proxy

f = functools.partial(int, base=16)
p = proxy(f)
print(f.func == p.func)
f = None
gc.collect()  # For PyPy or other GCs.
try:
    getattr(p, 'func')
except ReferenceError as e:
    print("ReferenceError", e)
