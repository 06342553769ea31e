import sys

a = []
prediction = 2
print(sys.getrefcount(a))
