# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L571
# Adapted: the test only checks nothing crashes; prints what the weakref sees at the end.
import gc
import weakref

class C(object):
    pass

c = C()
wr = weakref.ref(c, lambda ignore: gc.collect())
del c

# There endeth the first part.  It gets worse.
del wr

c1 = C()
c1.i = C()
wr = weakref.ref(c1.i, lambda ignore: gc.collect())

c2 = C()
c2.c1 = c1
del c1  # still alive because c2 points to it

# subtype_dealloc goes on to call the base classes' deallocs too,
# so any gc triggered by weakref callbacks associated with anything
# torn down by a base class dealloc can also trigger double
# deallocation of c2.
del c2
print(wr())
