# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_finalization.py#L199
# Adapted: SimpleFinalizationTest.test_non_gc and test_non_gc_resurrect run in one program; helper classes copied from the test module (docstrings dropped; test.support.disable_gc written out); id lists are compared, not printed; asserts become prints.
import contextlib
import gc
import weakref


@contextlib.contextmanager
def disable_gc():
    # test.support.disable_gc
    have_gc = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if have_gc:
            gc.enable()


class NonGCSimpleBase:
    survivors = []
    del_calls = []
    tp_del_calls = []
    errors = []

    _cleaning = False

    __slots__ = ()

    @classmethod
    def _cleanup(cls):
        cls.survivors.clear()
        cls.errors.clear()
        gc.garbage.clear()
        gc.collect()
        cls.del_calls.clear()
        cls.tp_del_calls.clear()

    @classmethod
    @contextlib.contextmanager
    def test(cls):
        with disable_gc():
            cls.del_calls.clear()
            cls.tp_del_calls.clear()
            NonGCSimpleBase._cleaning = False
            try:
                yield
                if cls.errors:
                    raise cls.errors[0]
            finally:
                NonGCSimpleBase._cleaning = True
                cls._cleanup()

    def check_sanity(self):
        pass

    def __del__(self):
        try:
            if not self._cleaning:
                self.del_calls.append(id(self))
                self.check_sanity()
                self.side_effect()
        except Exception as e:
            self.errors.append(e)

    def side_effect(self):
        pass


class SimpleBase(NonGCSimpleBase):

    def __init__(self):
        self.id_ = id(self)

    def check_sanity(self):
        assert self.id_ == id(self)


class NonGC(NonGCSimpleBase):
    __slots__ = ()

class NonGCResurrector(NonGCSimpleBase):
    __slots__ = ()

    def side_effect(self):
        """
        Resurrect self by storing self in a class-wide list.
        """
        self.survivors.append(self)


def assert_del_calls(ids):
    print("del_calls", sorted(SimpleBase.del_calls) == sorted(ids), len(SimpleBase.del_calls))

def assert_survivors(ids):
    print("survivors", sorted(id(x) for x in SimpleBase.survivors) == sorted(ids), len(SimpleBase.survivors))

def clear_survivors():
    SimpleBase.survivors.clear()


def test_non_gc():
    with SimpleBase.test():
        s = NonGC()
        print(gc.is_tracked(s))
        ids = [id(s)]
        del s
        gc.collect()
        assert_del_calls(ids)
        assert_survivors([])
        gc.collect()
        assert_del_calls(ids)
        assert_survivors([])

test_non_gc()

def test_non_gc_resurrect():
    with SimpleBase.test():
        s = NonGCResurrector()
        print(gc.is_tracked(s))
        ids = [id(s)]
        del s
        gc.collect()
        assert_del_calls(ids)
        assert_survivors(ids)
        clear_survivors()
        gc.collect()
        assert_del_calls(ids * 2)
        assert_survivors(ids)

test_non_gc_resurrect()

print(gc.garbage)
