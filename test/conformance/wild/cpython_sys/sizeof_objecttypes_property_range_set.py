# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L1483
# Adapted: the property..slice part of test_objecttypes; each check(obj, expected) prints sys.getsizeof(obj), the value the check compares.
import sys

# property (descriptor object)
class C(object):
    def getx(self): return self.__x
    def setx(self, value): self.__x = value
    def delx(self): del self.__x
    x = property(getx, setx, delx, "")
    print(sys.getsizeof(x))
# rangeiterator
print(sys.getsizeof(iter(range(1))))
# reverse
print(sys.getsizeof(reversed('')))
# range
print(sys.getsizeof(range(1)))
print(sys.getsizeof(range(66000)))
# set
# frozenset
samples = [[], range(10), range(50)]
for sample in samples:
    print(sys.getsizeof(set(sample)))
    print(sys.getsizeof(frozenset(sample)))
# setiterator
print(sys.getsizeof(iter(set())))
# slice
print(sys.getsizeof(slice(0)))
# super
print(sys.getsizeof(super(int)))
