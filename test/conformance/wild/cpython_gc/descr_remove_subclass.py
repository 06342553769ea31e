# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_descr.py#L4986
# Adapted: asserts become prints of the asserted values.
import gc

# bpo-46417: when the last subclass of a type is deleted,
# remove_subclass() clears the internal dictionary of subclasses.
class Parent:
    pass
print(Parent.__subclasses__())

class Child(Parent):
    pass
print(Parent.__subclasses__())

del Child
gc.collect()
print(Parent.__subclasses__())
