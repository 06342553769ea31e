# A dict with string keys and one with int keys have different sizes at the same length.
import sys

s = {}
n = {}
for i in range(8):
    s[str(i)] = i
    n[i] = i
print(sys.getsizeof(s), sys.getsizeof(n))
print(sys.getsizeof({"a": 1}), sys.getsizeof({1: 1}))
print(sys.getsizeof(dict(a=1, b=2)))
