result = (
    1 +
    2
)
value = compute(
    a,
    b=2,
)
obj.method(
    x
).other(
    y,
)
obj.attr.chain \
    .more
if (a and
        b):
    pass
x = [
    i
    for i in range(3)
    if i
]
def f(
    a,
    b=1,
):
    return (
        a
        + b
    )
@decorator(
    1,
)
class K(
    Base,
):
    pass
try:
    pass
except Exception:
    pass
while (x
       and y):
    x = None
lambda: (
    yield
)
