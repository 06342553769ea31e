# Source: https://lingarajtechhub.com/python-reference-counting-garbage-collector-example/
# Adapted: none (the tutorial's program as published, comments kept).
import sys

# Create some objects
a = [1, 2, 3]  # Reference count of `a` is 1
b = a  # Reference count of `a` is incremented to 2

# Print reference counts
print(sys.getrefcount(a))  # Output: 3

# Remove one reference to `a`
b = None  # Reference count of `a` is decremented to 2

# Print reference count again
print(sys.getrefcount(a))  # Output: 2
