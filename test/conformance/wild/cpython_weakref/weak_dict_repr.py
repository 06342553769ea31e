# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1829
# Adapted: test_make_weak_valued_dict_repr and test_make_weak_keyed_dict_repr merged; assertRegex becomes a print of the repr.
import weakref

dict = weakref.WeakValueDictionary()
print(repr(dict))
dict = weakref.WeakKeyDictionary()
print(repr(dict))
