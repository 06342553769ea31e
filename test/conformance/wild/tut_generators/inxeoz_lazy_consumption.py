# Source: https://diary.inxeoz.com/posts/tech/python-list-comprehension-generator/
# Adapted: the generator-expression snippet; bare expressions became print().
# Basic — parentheses instead of brackets
squares = (x**2 for x in range(10))
# Condition
evens = (x for x in range(20) if x % 2 == 0)
# Must be consumed explicitly
for val in squares:
    print(val)
# Or unpack
print(list(evens))
print(sum(x**2 for x in range(1000)))
print(any(x > 5 for x in range(10)))
