data = list(range(10_000))
total = sum(data)
report = [str(i) for i in range(10_000)]
del data
print(total, len(report))
