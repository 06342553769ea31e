# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L817
# Adapted: _check_weakref run with copy.copy and copy.deepcopy (test_copy_weakref, test_deepcopy_weakref); asserts become prints.
import copy
import weakref

def _check_weakref(_copy):
    class C(object):
        pass
    obj = C()
    x = weakref.ref(obj)
    y = _copy(x)
    print(y is x)
    del obj
    y = _copy(x)
    print(y is x, y() is None)

_check_weakref(copy.copy)
_check_weakref(copy.deepcopy)
