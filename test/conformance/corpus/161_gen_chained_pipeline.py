# Generators chain into a lazy pipeline; only consumed items are computed.
def source():
    for i in range(1, 8):
        print("produce", i)
        yield i


evens = (x for x in source() if x % 2 == 0)
squares = (x * x for x in evens)
for s in squares:
    print("consume", s)
    if s > 10:
        break
