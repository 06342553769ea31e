# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L859
# Adapted: setUpModule's gc.disable() kept; asserts become prints of the asserted values.
import gc
gc.disable()
gc.collect()

gc.collect()
l = []
l.append(l)
print(any(l is element for element in gc.get_objects(generation=0)))
print(any(l is element for element in gc.get_objects(generation=1)))
print(any(l is element for element in gc.get_objects(generation=2)))
gc.collect(generation=0)
print(any(l is element for element in gc.get_objects(generation=0)))
print(any(l is element for element in gc.get_objects(generation=1)))
print(any(l is element for element in gc.get_objects(generation=2)))
gc.collect(generation=1)
print(any(l is element for element in gc.get_objects(generation=0)))
print(any(l is element for element in gc.get_objects(generation=1)))
print(any(l is element for element in gc.get_objects(generation=2)))
gc.collect(generation=2)
print(any(l is element for element in gc.get_objects(generation=0)))
print(any(l is element for element in gc.get_objects(generation=1)))
print(any(l is element for element in gc.get_objects(generation=2)))
del l
gc.collect()
