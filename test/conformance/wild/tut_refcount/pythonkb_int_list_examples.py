# Source: https://pythonkb.com/?p=32530
# Adapted: examples 1-3 and 5 of the page run in one program.
import sys
x = 5
print(sys.getrefcount(x))
list1 = [1, 2, 3]
print(sys.getrefcount(list1))
a = 10
b = a
print(sys.getrefcount(a))
t = (1, 2, 3)
print(sys.getrefcount(t))
