# Source: https://stackabuse.com/bytes/determining-the-size-of-an-object-in-python/
import sys

# Create a list
my_list = [1, 2, 3, 4, 5]

# Determine the size of the list
size = sys.getsizeof(my_list)

print(f"The size of the list is {size} bytes.")
