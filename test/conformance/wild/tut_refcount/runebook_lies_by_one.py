# Source: https://runebook.dev/en/docs/python/library/sys/sys.getrefcount
import sys

# 1. Initial reference 'a'
a = [10, 20]

# The count is 2 (1 from 'a' + 1 temporary)
initial_count = sys.getrefcount(a) 
print(f"Count for 'a': {initial_count}") 

# 2. Add another reference 'b'
b = a

# The count is 3 (1 from 'a' + 1 from 'b' + 1 temporary)
new_count = sys.getrefcount(a)
print(f"Count after 'b = a': {new_count}")

# The *actual* number of user-defined references is always (count - 1)
actual_references = new_count - 1
print(f"Actual user references: {actual_references}") 
