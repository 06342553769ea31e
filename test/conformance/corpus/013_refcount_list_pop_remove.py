# pop and remove drop the list's reference; pop hands one back to the caller.
import sys

obj = []
lst = [obj, obj, obj, 1]
print(sys.getrefcount(obj))
popped = lst.pop(0)
print(sys.getrefcount(obj))
del popped
print(sys.getrefcount(obj))
lst.remove(obj)
print(sys.getrefcount(obj), lst)
lst.pop()
print(sys.getrefcount(obj), len(lst))
