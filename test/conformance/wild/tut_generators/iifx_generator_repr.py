# Source: https://iifx.dev/en/articles/135255
# List comprehension
squares_list = [x**2 for x in range(10)]
print(squares_list) # Output: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]
# Generator expression
squares_generator = (x**2 for x in range(10))
print(squares_generator) # Output: <generator object <genexpr> at 0x...>
# To access the values from a generator, you need to iterate
for square in squares_generator:
    print(square) # Output: 0 1 4 9 16 25 36 49 64 81
squares_list = [x**2 for x in range(10)]
print(type(squares_list)) # Output: <class 'list'>
