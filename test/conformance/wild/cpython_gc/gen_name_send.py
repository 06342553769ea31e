# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_generators.py#L114
# Adapted: test_name (as a plain function, so qualnames say test_name.<locals>) and test_send_non_none_to_new_gen (L165) merged; asserts become prints.
def test_name():
    def func():
        yield 1

    # check generator names
    gen = func()
    print(gen.__name__)
    print(gen.__qualname__)

    # modify generator names
    gen.__name__ = "name"
    gen.__qualname__ = "qualname"
    print(gen.__name__)
    print(gen.__qualname__)

    # generator names must be a string and cannot be deleted
    for attr in ('__name__', '__qualname__'):
        try:
            setattr(gen, attr, 123)
        except TypeError as e:
            print("TypeError:", e)
        try:
            delattr(gen, attr)
        except TypeError as e:
            print("TypeError:", e)

    # modify names of the function creating the generator
    func.__qualname__ = "func_qualname"
    func.__name__ = "func_name"
    gen = func()
    print(gen.__name__)
    print(gen.__qualname__)

    # unnamed generator
    gen = (x for x in range(10))
    print(gen.__name__)
    print(gen.__qualname__)

def test_send_non_none_to_new_gen():
    def f():
        yield 1
    g = f()
    try:
        g.send(0)
    except TypeError as e:
        print("TypeError:", e)
    print(next(g))

test_name()
test_send_non_none_to_new_gen()
