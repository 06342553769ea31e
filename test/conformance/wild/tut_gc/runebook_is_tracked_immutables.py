# Source: https://runebook.dev/en/docs/python/library/gc/gc.is_tracked
import gc

# Immutable objects are usually not tracked
my_int = 42
my_string = "hello"

# Note: The result can sometimes depend on caching/interning, 
# but generally, basic immutables are False.

print(f"Is {my_int} tracked? {gc.is_tracked(my_int)}") 
# Output: Is 42 tracked? False

print(f"Is '{my_string}' tracked? {gc.is_tracked(my_string)}")
# Output: Is 'hello' tracked? False
