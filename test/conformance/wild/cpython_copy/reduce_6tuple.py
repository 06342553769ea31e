# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L687
# Adapted: test_reduce_6tuple and test_reduce_6tuple_none merged; assertRaises becomes a print of the exception.
import copy

def state_setter(*args, **kwargs):
    raise AssertionError("shouldn't call this")
class C:
    def __reduce__(self):
        return C, (), self.__dict__, None, None, state_setter
x = C()
try:
    copy.copy(x)
except TypeError as e:
    print("TypeError:", e)
try:
    copy.deepcopy(x)
except TypeError as e:
    print("TypeError:", e)

class C:
    def __reduce__(self):
        return C, (), self.__dict__, None, None, None
x = C()
try:
    copy.copy(x)
except TypeError as e:
    print("TypeError:", e)
try:
    copy.deepcopy(x)
except TypeError as e:
    print("TypeError:", e)
