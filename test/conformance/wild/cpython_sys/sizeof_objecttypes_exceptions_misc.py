# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L1405
# Adapted: the BaseException..float part of test_objecttypes; each check(obj, expected) prints sys.getsizeof(obj), the value the check compares.
import sys

# BaseException
print(sys.getsizeof(BaseException()))
# UnicodeEncodeError
print(sys.getsizeof(UnicodeEncodeError("", "", 0, 0, "")))
# UnicodeDecodeError
print(sys.getsizeof(UnicodeDecodeError("", b"", 0, 0, "")))
# UnicodeTranslateError
print(sys.getsizeof(UnicodeTranslateError("", 0, 1, "")))
# ellipses
print(sys.getsizeof(Ellipsis))
# enumerate
print(sys.getsizeof(enumerate([])))
# reverse
print(sys.getsizeof(reversed('')))
# float
print(sys.getsizeof(float(0)))
# sys.floatinfo
print(sys.getsizeof(sys.float_info), len(sys.float_info))
