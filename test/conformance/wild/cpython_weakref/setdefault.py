# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1608
# Adapted: check_setdefault run for WeakValueDictionary and WeakKeyDictionary; asserts become prints.
import weakref

class C:
    def method(self):
        pass

def check_setdefault(klass, key, value1, value2):
    print(value1 is not value2)
    weakdict = klass()
    o = weakdict.setdefault(key, value1)
    print(o is value1)
    print(key in weakdict)
    print(weakdict.get(key) is value1)
    print(weakdict[key] is value1)

    o = weakdict.setdefault(key, value2)
    print(o is value1)
    print(key in weakdict)
    print(weakdict.get(key) is value1)
    print(weakdict[key] is value1)

check_setdefault(weakref.WeakValueDictionary,
                 "key", C(), C())
check_setdefault(weakref.WeakKeyDictionary,
                 C(), "value 1", "value 2")
