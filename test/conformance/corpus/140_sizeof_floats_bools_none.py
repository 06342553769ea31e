# Floats are always 24 bytes; bools are ints; None is 16 bytes.
import sys

print(sys.getsizeof(0.0), sys.getsizeof(3.14), sys.getsizeof(1e300))
print(sys.getsizeof(True), sys.getsizeof(False))
print(sys.getsizeof(None))
