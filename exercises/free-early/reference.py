data = list(range(10_000))
total = sum(data)
del data
report = [str(i) for i in range(10_000)]
print(total, len(report))
