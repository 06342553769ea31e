total = sum([x * x for x in range(10_000)])
print(total)
