# Source: https://notebook.community/jeeyoungk/exercise/thoughts/small-object
# Adapted: notebook cells as one script (Python 3); the bare sys.getrefcount(256)/(257) cell values are printed.
import sys

# python reuses small integer objects within its runtime.
x = None
print(sys.getrefcount(0))

x = 0
print(sys.getrefcount(0))

# for small objects, "is" and "==" are true.
print(0 == 0)
print(0 is 0)

# when does this end? somewhere between 100 and 1000.
for i in range(10):
    print ("value: %d, is-comparison: %s" % (10 ** i, 10 ** i is 10 ** i))

# the boundary is actually between 256 and 257!
print(sys.getrefcount(256))
print (256 + 0 is 256 + 0)

# bigger objects are not cached and created one off.
print(sys.getrefcount(257))
print (256 + 1 is 256 + 1)

# we had to use 256 + 1 to fight interpreter optimization.
# constant literals in a single statement uses same references.
lhs = 257
rhs = 257
print (lhs is rhs)
print (257 is 257)
