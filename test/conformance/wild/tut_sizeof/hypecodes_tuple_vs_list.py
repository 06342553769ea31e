# Source: https://hype.codes/why-tuples-use-less-space-memory-lists-python
# Adapted: REPL echoes became print().
a = (1,2,3)
print(a.__sizeof__())
b = [1,2,3]
print(b.__sizeof__())
l = [1,2,3]
print(l.__sizeof__())
l.append(4)  # triggers re-allocation (with over-allocation), because the original list is full
print(l.__sizeof__())

l = []
print(l.__sizeof__())
l.append(1)  # re-allocation with over-allocation
print(l.__sizeof__())
l.append(2)  # no re-alloc
l.append(3)  # no re-alloc
print(l.__sizeof__())
l.append(4)  # still has room, so no over-allocation needed (yet)
print(l.__sizeof__())
