# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L1286
# Adapted: assertRaises becomes a print of the exception; sizes print sys.getsizeof() (the asserted value).
import sys

class BadSizeof:
    def __sizeof__(self):
        raise ValueError
try:
    sys.getsizeof(BadSizeof())
except ValueError as e:
    print("ValueError", repr(e))

class InvalidSizeof:
    def __sizeof__(self):
        return None
try:
    sys.getsizeof(InvalidSizeof())
except TypeError as e:
    print("TypeError:", e)
sentinel = ["sentinel"]
print(sys.getsizeof(InvalidSizeof(), sentinel) is sentinel)

class FloatSizeof:
    def __sizeof__(self):
        return 4.5
try:
    sys.getsizeof(FloatSizeof())
except TypeError as e:
    print("TypeError:", e)
print(sys.getsizeof(FloatSizeof(), sentinel) is sentinel)

class OverflowSizeof(int):
    def __sizeof__(self):
        return int(self)
print(sys.getsizeof(OverflowSizeof(sys.maxsize)) - sys.maxsize)
try:
    sys.getsizeof(OverflowSizeof(sys.maxsize + 1))
except OverflowError as e:
    print("OverflowError:", e)
try:
    sys.getsizeof(OverflowSizeof(-1))
except ValueError as e:
    print("ValueError:", e)
try:
    sys.getsizeof(OverflowSizeof(-sys.maxsize - 1))
except (ValueError, OverflowError) as e:
    print(type(e).__name__ + ":", e)
