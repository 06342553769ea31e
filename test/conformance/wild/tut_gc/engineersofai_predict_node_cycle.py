# Source: https://engineersofai.com/docs/python/python-intermediate/python-internals/garbage-collection-practice
import gc
class Node:
    def __init__(self, val):
        self.val = val
        self.next = None
a = Node(1)
b = Node(2)
a.next = b
b.next = a # creates a reference cycle
del a, b
print(gc.collect())
