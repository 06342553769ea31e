# Source: https://github.com/VvSdC/Python
# Adapted: notebook cell.
import sys
print("#### Numeric types")

print("\nFor small integers:")
print(f"Size of a single digit integer 5 is {sys.getsizeof(5)}")
print(f"Size of a single digit negative integer -5 is {sys.getsizeof(-5)}")


print("\nFor large integers:")
print("Size of a large integer 12345678901234567890 is", sys.getsizeof(12345678901234567890))
print("Size of a larger negative integer -12345678901234567890 is", sys.getsizeof(-12345678901234567890))
