# Source: https://engineersofai.com/docs/python/python-intermediate/python-internals/reference-counting-practice
import sys

x = [1, 2, 3]
print(sys.getrefcount(x))   # (a)

y = x
print(sys.getrefcount(x))   # (b)

del y
print(sys.getrefcount(x))   # (c)

# What does getrefcount return for a freshly created literal
# with no name bound to it?
print(sys.getrefcount([]))  # (d)
