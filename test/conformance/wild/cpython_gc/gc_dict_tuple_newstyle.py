# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L94
# Adapted: GCTests.test_dict, test_tuple and test_newstyleclass in one program; assertEqual/assertNotEqual become prints of gc.collect()'s result.
import gc

gc.disable()
d = {}
d[1] = d
gc.collect()
del d
print(gc.collect())

l = []
t = (l,)
l.append(t)
gc.collect()
del t
del l
print(gc.collect())

class A(object):
    pass
gc.collect()
del A
print(gc.collect())
