def count(n):
    i = 0
    while i < n:
        got = yield i
        if got:
            i = got
        i += 1
    return i

def delegate():
    r = yield from count(3)
    yield r

g = (x * 2 for x in range(5) if x % 2)
print(list(delegate()), list(g), next(count(1)))
