# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L786
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import copy

class EvilState(object):
    def __getstate__(self):
        raise ValueError("ain't got no stickin' state")
try:
    copy.copy(EvilState())
except ValueError as e:
    print("ValueError:", e)
