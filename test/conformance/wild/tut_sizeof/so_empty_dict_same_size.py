# Source: https://stackoverflow.com/questions/18558865/why-is-the-size-of-an-empty-dict-same-as-that-of-a-non-empty-dict-in-python
# Adapted: Python 2 print statements became print(); the question's xrange became range.
import sys
print(sys.getsizeof({}))
print(sys.getsizeof({'Hello':'World'}))
d = {}
size = sys.getsizeof(d)
print(size)
i = 0
j = 0
while i < 3:
    d[j] = j
    j += 1
    new_size = sys.getsizeof(d)
    if size != new_size:
        print(new_size)
        size = new_size
        i += 1
