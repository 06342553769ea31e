# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L1600
# Adapted: check_slots prints the sizes it compares (the subclass with three slots and its base) and whether the gc header is added.
import gc
import sys

def check_slots(obj, base, extra):
    print(type(obj).__name__, sys.getsizeof(obj), sys.getsizeof(base), extra,
          gc.is_tracked(obj) and not gc.is_tracked(base))

class BA(bytearray):
    __slots__ = 'a', 'b', 'c'
check_slots(BA(), bytearray(), '3P')
class D(dict):
    __slots__ = 'a', 'b', 'c'
check_slots(D(x=[]), {'x': []}, '3P')
class L(list):
    __slots__ = 'a', 'b', 'c'
check_slots(L(), [], '3P')
class S(set):
    __slots__ = 'a', 'b', 'c'
check_slots(S(), set(), '3P')
class FS(frozenset):
    __slots__ = 'a', 'b', 'c'
check_slots(FS(), frozenset(), '3P')
from collections import OrderedDict
class OD(OrderedDict):
    __slots__ = 'a', 'b', 'c'
check_slots(OD(x=[]), OrderedDict(x=[]), '3P')
