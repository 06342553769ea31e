# Instance attributes live in the instance; the instance itself is referenced only by names.
import sys


class Node:
    def __init__(self, value):
        self.value = value
        self.children = []


root = Node([1])
child = Node([2])
root.children.append(child)
print(sys.getrefcount(root), sys.getrefcount(child))
print(sys.getrefcount(root.children))
kids = root.children
print(sys.getrefcount(kids))
root.children = []
print(sys.getrefcount(kids), sys.getrefcount(child))
