import sys

a = []
b = a
prediction = 2
print(sys.getrefcount(a))
