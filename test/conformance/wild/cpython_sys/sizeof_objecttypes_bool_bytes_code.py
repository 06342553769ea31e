# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L1322
# Adapted: first part of test_objecttypes; each check(obj, expected) prints sys.getsizeof(obj), the value the check compares.
import sys

# bool
print(sys.getsizeof(True))
print(sys.getsizeof(False))
# builtin_function_or_method
print(sys.getsizeof(len))
# bytearray
samples = [b'', b'u'*100000]
for sample in samples:
    x = bytearray(sample)
    print(sys.getsizeof(x), x.__alloc__())
# bytearray_iterator
print(sys.getsizeof(iter(bytearray())))
# bytes
print(sys.getsizeof(b''))
print(sys.getsizeof(b'x' * 10))
# cell
def get_cell():
    x = 42
    def inner():
        return x
    return inner
print(sys.getsizeof(get_cell().__closure__[0]))
# complex
print(sys.getsizeof(complex(0,1)))
# method_descriptor (descriptor object)
print(sys.getsizeof(str.lower))
# wrapper_descriptor (descriptor object)
print(sys.getsizeof(int.__add__))
# method-wrapper (descriptor object)
print(sys.getsizeof({}.__iter__))
