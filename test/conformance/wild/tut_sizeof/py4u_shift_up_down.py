# Source: https://py4u.org/questions/49153714/
# Adapted: the answer's Python 2 print statements became print().
from sys import getsizeof as size
a = 1
n = 32

# going up
for i in range(10):
    if not i:
        print('a = %100s%13s%4s' % (str(a), type(a), size(a)))
    else:
        print('a = %100s%14s%3s' % (str(a), type(a), size(a)))
    a <<= n

# going down
for i in range(11):
    print('a = %100s%14s%3s' % (str(a), type(a), size(a)))
    a >>= n
