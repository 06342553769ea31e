# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L87
# Adapted: test_list, test_dict and test_tuple merged (setUpModule's gc.disable() kept); asserts become prints of the asserted values.
import gc
gc.disable()
gc.collect()

l = []
l.append(l)
gc.collect()
del l
print(gc.collect())

d = {}
d[1] = d
gc.collect()
del d
print(gc.collect())

# since tuples are immutable we close the loop with a list
l = []
t = (l,)
l.append(t)
gc.collect()
del t
del l
print(gc.collect())
