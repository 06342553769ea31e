# bytes objects cost 33 bytes plus one per byte.
import sys

print(sys.getsizeof(b""), sys.getsizeof(b"a"), sys.getsizeof(b"hello"))
print(sys.getsizeof(bytes(10)), sys.getsizeof(b"x" * 1000))
