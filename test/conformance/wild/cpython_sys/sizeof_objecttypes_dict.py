# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L1378
# Adapted: the dict part of test_objecttypes; each check(obj, expected) prints sys.getsizeof(obj), the value the check compares.
import sys

# empty dict
print(sys.getsizeof({}))
# dict (string key)
print(sys.getsizeof({"a": 1}))
longdict = {str(i): i for i in range(8)}
print(sys.getsizeof(longdict))
# dict (non-string key)
print(sys.getsizeof({1: 1}))
longdict = {1:1, 2:2, 3:3, 4:4, 5:5, 6:6, 7:7, 8:8}
print(sys.getsizeof(longdict))
# dictionary-keyview
print(sys.getsizeof({}.keys()))
# dictionary-valueview
print(sys.getsizeof({}.values()))
# dictionary-itemview
print(sys.getsizeof({}.items()))
# dictionary iterator
print(sys.getsizeof(iter({})))
# dictionary-keyiterator
print(sys.getsizeof(iter({}.keys())))
# dictionary-valueiterator
print(sys.getsizeof(iter({}.values())))
# dictionary-itemiterator
print(sys.getsizeof(iter({}.items())))
# dictproxy
class C(object): pass
print(sys.getsizeof(C.__dict__))
