# Source: https://mianshi.idocdown.com/en/app/articles/blogs/detail/1596
# Adapted: the "Result:" comments shown with print().
# List comprehension - Creates list immediately
squares_list = [x**2 for x in range(5)]  # Result: [0, 1, 4, 9, 16]
print(squares_list)

# Generator expression - Creates generator object
squares_gen = (x**2 for x in range(5))  # Result: <generator object at 0x...>
print(squares_gen)
print(next(squares_gen), next(squares_gen))
print(list(squares_gen))
print(list(squares_gen))
