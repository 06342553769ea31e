# getrefcount shows the cycle's internal references before and after unlinking.
import sys


class Node:
    pass


a = Node()
b = Node()
print(sys.getrefcount(a), sys.getrefcount(b))
a.next = b
b.next = a
print(sys.getrefcount(a), sys.getrefcount(b))
del b.next
print(sys.getrefcount(a), sys.getrefcount(b))
