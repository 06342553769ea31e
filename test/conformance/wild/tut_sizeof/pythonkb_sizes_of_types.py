# Source: https://pythonkb.com/?p=18373
# Adapted: the page's steps and "other objects" examples in one program.
import sys
obj = []
size = sys.getsizeof(obj)
print(f"Size of object: {size} bytes")
obj = [1, 2, 3, 4, 5]
size = sys.getsizeof(obj)
print(f"Size of object: {size} bytes")
obj = {"key": "value"}
size = sys.getsizeof(obj)
print(f"Size of object: {size} bytes")
obj = "Hello, world!"
size = sys.getsizeof(obj)
print(f"Size of object: {size} bytes")
obj = (1, 2, 3, 4, 5)
size = sys.getsizeof(obj)
print(f"Size of object: {size} bytes")
obj = {1, 2, 3, 4, 5}
size = sys.getsizeof(obj)
print(f"Size of object: {size} bytes")
