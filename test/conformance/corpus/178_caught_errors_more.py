# More error messages lessons hit: calls, unpacking, conversions, removal of missing items.
def two(a, b):
    return a + b


checks = [
    lambda: two(1),
    lambda: two(1, 2, 3),
    lambda: [].pop(),
    lambda: [1].remove(2),
    lambda: {}.pop("k"),
    lambda: float("x"),
    lambda: None.attr,
    lambda: "abc"[10],
    lambda: "s" * "t",
    lambda: set().remove(1),
]
for c in checks:
    try:
        c()
    except Exception as e:
        print(type(e).__name__ + ":", e)
