# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1721
# Adapted: asserts become prints of the asserted values.
import weakref

class C:
    def method(self):
        pass

o1 = C()
o2 = C()
o3 = C()
wkd1 = weakref.WeakKeyDictionary({o1: 1, o2: 2})
wkd2 = weakref.WeakKeyDictionary({o3: 3, o1: 4})
wkd3 = wkd1.copy()
d1 = {o2: '5', o3: '6'}
pairs = [(o2, 7), (o3, 8)]

tmp1 = wkd1 | wkd2 # Between two WeakKeyDictionaries
print(dict(tmp1) == dict(wkd1) | dict(wkd2))
print(type(tmp1) is weakref.WeakKeyDictionary)
wkd1 |= wkd2
print(wkd1 == tmp1)

tmp2 = wkd2 | d1 # Between WeakKeyDictionary and mapping
print(dict(tmp2) == dict(wkd2) | d1)
print(type(tmp2) is weakref.WeakKeyDictionary)
wkd2 |= d1
print(wkd2 == tmp2)

tmp3 = wkd3.copy() # Between WeakKeyDictionary and iterable key, value
tmp3 |= pairs
print(dict(tmp3) == dict(wkd3) | dict(pairs))
print(type(tmp3) is weakref.WeakKeyDictionary)

tmp4 = d1 | wkd3 # Testing .__ror__
print(dict(tmp4) == d1 | dict(wkd3))
print(type(tmp4) is weakref.WeakKeyDictionary)

del o1
print(4 in tmp1.values())
print(4 in tmp2.values())
print(1 in tmp3.values())
print(1 in tmp4.values())
