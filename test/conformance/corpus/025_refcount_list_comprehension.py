# A list built by a comprehension holds one reference per produced element.
import sys

shared = []
many = [shared for _ in range(4)]
print(sys.getrefcount(shared), len(many))
copies = list(many)
print(sys.getrefcount(shared))
sliced = many[1:3]
print(sys.getrefcount(shared))
del many, copies, sliced
print(sys.getrefcount(shared))
