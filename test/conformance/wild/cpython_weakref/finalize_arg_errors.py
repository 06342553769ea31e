# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L2029
# Adapted: FinalizeTestCase.A becomes a top-level class; assertRaises becomes a print of the exception.
import weakref

class A:
    pass

def fin(*args, **kwargs):
    res.append((args, kwargs))

a = A()

res = []
f = weakref.finalize(a, fin, 1, 2, func=3, obj=4)
print(f.peek() == (a, fin, (1, 2), {'func': 3, 'obj': 4}))
f()
print(res)

for call in (lambda: weakref.finalize(a, func=fin, arg=1),
             lambda: weakref.finalize(obj=a, func=fin, arg=1),
             lambda: weakref.finalize(a),
             lambda: weakref.finalize()):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
