# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L2142
# Adapted: MiscTestCase.test_names and test_remove_closure (L1956) as top-level code; asserts become prints.
import weakref

for name in ('ReferenceType', 'ProxyType', 'CallableProxyType',
             'WeakMethod', 'WeakSet', 'WeakKeyDictionary', 'WeakValueDictionary'):
    obj = getattr(weakref, name)
    print(name, obj.__module__, obj.__name__, obj.__qualname__)

d = weakref.WeakValueDictionary()
print(d._remove.__closure__)
