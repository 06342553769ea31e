"""Instruction positions (co_positions): columns, end lines, and the spans CPython gives
the instructions a traceback's carets are drawn under."""
import functools


def spans(obj, items, key):
    total = obj.count + items[key] * 2 // len(items) - obj.scale ** 2
    value = (obj
             .inner
             .method(key,
                     total)
             .result)
    obj.attr \
        .field += 1
    items[key] += total
    del items[key], obj.attr
    return value


def text(name, width, vals):
    a = 'name=%s width=%5r %-4a' % (name, width, vals)
    b = f'{name!r:>{width}} {vals[0]:.2f}'
    ü = 'é' + name.upper() + '東京'
    return a, b, ü


@functools.lru_cache(maxsize=None)
@staticmethod
def decorated(x, y=(1, 2), *, z=[3, 4]):
    assert x < y[0], f'{x} too big'
    with open(x) as f, open(y) as g:
        return f.read() + g.read()


def generator(n):
    yield from range(n)
    total = sum(i * i for i in range(n) if i % 2)
    squares = [i ** 2 for i in range(n)]
    table = {k: v for k, v in zip(squares, range(n))}
    try:
        raise ValueError(total) from None
    except (ValueError, TypeError) as e:
        yield e.args
    finally:
        del table


lam = lambda a, b=2: (a
                      + b)
result = spans(
    None,
    {}, 'k')
if not result is None and result not in (1, 2, 3) or result == [4, 5, 6]:
    pass
while result:
    result -= 1
for i, (j, *k) in enumerate([[1, 2, 3]]):
    print(i, j, k)
