# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L378
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import copy
from operator import le, lt, ge, gt, eq, ne

order_comparisons = le, lt, ge, gt
equality_comparisons = eq, ne
comparisons = order_comparisons + equality_comparisons

x = []
x.append(x)
y = copy.deepcopy(x)
for op in comparisons:
    try:
        op(y, x)
    except RecursionError as e:
        print(op.__name__, "RecursionError:", e)
print(y is not x)
print(y[0] is y)
print(len(y))
