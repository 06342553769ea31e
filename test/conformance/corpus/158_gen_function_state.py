# A generator function keeps its local state between values.
def running_total(values):
    total = 0
    for v in values:
        total += v
        yield total


print(list(running_total([1, 2, 3, 4])))
gen = running_total(range(1, 6))
print([t for t in gen if t % 2 == 1])
