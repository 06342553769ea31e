squares = [x * x for x in range(10_000)]
total = sum(squares)
del squares
print(total)
