# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_exceptions.py#L857
# Adapted: ExceptionTests.test_generator_leaking and test_generator_leaking2 (L887) as functions; assertEqual becomes a print of the compared value.
import sys

def test_generator_leaking():
    # Test that generator exception state doesn't leak into the calling
    # frame
    def yield_raise():
        try:
            raise KeyError("caught")
        except KeyError:
            yield sys.exc_info()[0]
            yield sys.exc_info()[0]
        yield sys.exc_info()[0]
    g = yield_raise()
    print(next(g))
    print(sys.exc_info()[0])
    print(next(g))
    print(sys.exc_info()[0])
    print(next(g))

    # Same test, but inside an exception handler
    try:
        raise TypeError("foo")
    except TypeError:
        g = yield_raise()
        print(next(g))
        print(sys.exc_info()[0])
        print(next(g))
        print(sys.exc_info()[0])
        print(next(g))
        del g
        print(sys.exc_info()[0])

def test_generator_leaking2():
    # See issue 12475.
    def g():
        yield
    try:
        raise RuntimeError
    except RuntimeError:
        it = g()
        next(it)
    try:
        next(it)
    except StopIteration:
        pass
    print(sys.exc_info())

test_generator_leaking()
test_generator_leaking2()
