import sys

a = []
prediction = 1
print(sys.getrefcount(a))
