def outer(a, *args, k=1, **kw):
    """doc"""
    total = a
    def inner(b):
        nonlocal total
        total += b
        return total
    inner(k)
    return inner

def gen(n):
    for i in range(n):
        yield i * i
    return

print(outer(1)(2), list(gen(3)), sum(x for x in range(4)))
print([x * y for x in range(3) for y in range(2) if x], {k: v for k, v in [(1, 2)]}, {i for i in 'ab'})
