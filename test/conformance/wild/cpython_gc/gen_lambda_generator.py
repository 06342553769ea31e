# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_generators.py#L91
# Adapted: assertRaises becomes a print of StopIteration's value.
# Issue #23192: Test that a lambda returning a generator behaves
# like the equivalent function
f = lambda: (yield 1)
def g(): return (yield 1)

# test 'yield from'
f2 = lambda: (yield from g())
def g2(): return (yield from g())

f3 = lambda: (yield from f())
def g3(): return (yield from f())

for gen_fun in (f, g, f2, g2, f3, g3):
    gen = gen_fun()
    print(next(gen))
    try:
        gen.send(2)
    except StopIteration as e:
        print("StopIteration", e.value)
