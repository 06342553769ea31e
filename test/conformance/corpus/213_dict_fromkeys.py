# dict.fromkeys: every key shares one value object; presized from an exact dict or set, grown by insertion otherwise
d = dict.fromkeys(['a', 'b', 'c'])
print(d)
d2 = dict.fromkeys('xyz', 0)
print(d2)
d3 = dict.fromkeys(range(3), [])
d3[0].append(1)
print(d3)
print(dict.fromkeys([]))
print({}.fromkeys([5], 6))
import sys
print(sys.getsizeof(dict.fromkeys(range(10))), sys.getsizeof(dict.fromkeys({i: i for i in range(10)})), sys.getsizeof(dict.fromkeys(set(range(10)))))
print(sys.getsizeof(dict.fromkeys('abcdefghij')), sys.getsizeof(dict.fromkeys({'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6})))
v = []
d = dict.fromkeys(range(5), v)
print(sys.getrefcount(v))
del d
print(sys.getrefcount(v))
try:
    dict.fromkeys([[]])
except TypeError as e:
    print(e)
try:
    dict.fromkeys()
except TypeError as e:
    print(e)
print(dict.fromkeys)
