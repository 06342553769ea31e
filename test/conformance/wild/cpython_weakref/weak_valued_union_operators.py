# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1669
# Adapted: asserts become prints of the asserted values.
import weakref

class C:
    def method(self):
        pass

a = C()
b = C()
c = C()
wvd1 = weakref.WeakValueDictionary({1: a})
wvd2 = weakref.WeakValueDictionary({1: b, 2: a})
wvd3 = wvd1.copy()
d1 = {1: c, 3: b}
pairs = [(5, c), (6, b)]

tmp1 = wvd1 | wvd2 # Between two WeakValueDictionaries
print(dict(tmp1) == dict(wvd1) | dict(wvd2))
print(type(tmp1) is weakref.WeakValueDictionary)
wvd1 |= wvd2
print(wvd1 == tmp1)

tmp2 = wvd2 | d1 # Between WeakValueDictionary and mapping
print(dict(tmp2) == dict(wvd2) | d1)
print(type(tmp2) is weakref.WeakValueDictionary)
wvd2 |= d1
print(wvd2 == tmp2)

tmp3 = wvd3.copy() # Between WeakValueDictionary and iterable key, value
tmp3 |= pairs
print(dict(tmp3) == dict(wvd3) | dict(pairs))
print(type(tmp3) is weakref.WeakValueDictionary)

tmp4 = d1 | wvd3 # Testing .__ror__
print(dict(tmp4) == d1 | dict(wvd3))
print(type(tmp4) is weakref.WeakValueDictionary)

del a
print(2 in tmp1)
print(2 in tmp2)
print(1 in tmp3)
print(1 in tmp4)
