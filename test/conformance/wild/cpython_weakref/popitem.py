# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1582
# Adapted: check_popitem run for WeakValueDictionary and WeakKeyDictionary; asserts become prints.
import weakref

class C:
    def method(self):
        pass

def check_popitem(klass, key1, value1, key2, value2):
    weakdict = klass()
    weakdict[key1] = value1
    weakdict[key2] = value2
    print(len(weakdict))
    k, v = weakdict.popitem()
    print(len(weakdict))
    if k is key1:
        print(v is value1)
    else:
        print(v is value2)
    k, v = weakdict.popitem()
    print(len(weakdict))
    if k is key1:
        print(v is value1)
    else:
        print(v is value2)

check_popitem(weakref.WeakValueDictionary,
              "key1", C(), "key2", C())
check_popitem(weakref.WeakKeyDictionary,
              C(), "value 1", C(), "value 2")
