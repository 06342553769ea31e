# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L1277
# Adapted: test_gc_head_size and test_default merged; each size assertion prints sys.getsizeof() (the asserted value) instead of recomputing it from struct sizes.
import sys

# bool objects are not gc tracked
print(sys.getsizeof(True))
# but lists are
print(sys.getsizeof([]))

# test_default
print(sys.getsizeof(True))
print(sys.getsizeof(True, -1))
