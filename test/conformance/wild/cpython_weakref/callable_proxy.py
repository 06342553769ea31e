# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L355
# Adapted: Callable and check_proxy copied from the test module; assertRaises becomes a print of the exception.
import weakref

class Callable:
    bar = None

    def __call__(self, x):
        self.bar = x

def check_proxy(o, proxy):
    o.foo = 1
    print(proxy.foo)
    o.foo = 2
    print(proxy.foo)
    del o.foo
    print(hasattr(proxy, 'foo'))

    proxy.foo = 1
    print(o.foo)
    proxy.foo = 2
    print(o.foo)
    del proxy.foo
    print(hasattr(o, 'foo'))

o = Callable()
ref1 = weakref.proxy(o)

check_proxy(o, ref1)

print(type(ref1) is weakref.CallableProxyType, type(ref1))
ref1('twinkies!')
print(o.bar)
ref1(x='Splat.')
print(o.bar)

# expect due to too few args
try:
    ref1()
except TypeError as e:
    print("TypeError:", e)

# expect due to too many args
try:
    ref1(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
