# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L434
# Adapted: test_deepcopy_keepalive and test_deepcopy_dont_memo_immutable merged; asserts become prints.
import copy

memo = {}
x = []
y = copy.deepcopy(x, memo)
print(memo[id(memo)][0] is x)

memo = {}
x = [1, 2, 3, 4]
y = copy.deepcopy(x, memo)
print(y == x)
# There's the entry for the new list, and the keep alive.
print(len(memo))

memo = {}
x = [(1, 2)]
y = copy.deepcopy(x, memo)
print(y == x)
# Tuples with immutable contents are immutable for deepcopy.
print(len(memo))
