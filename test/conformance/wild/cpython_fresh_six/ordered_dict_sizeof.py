# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_ordered_dict.py#L467
# Adapted: CPythonOrderedDictTests' test_sizeof (OrderedDict = collections.OrderedDict) as top-level code; assertGreater becomes a print of both sizes.
import sys
from collections import OrderedDict

# Wimpy test: Just verify the reported size is larger than a regular dict
d = dict(a=1)
od = OrderedDict(**d)
print(sys.getsizeof(od) > sys.getsizeof(d), sys.getsizeof(od), sys.getsizeof(d))
