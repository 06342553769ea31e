# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_finalization.py#L398
# Adapted: CycleChainFinalizationTest.test_homogenous, test_homogenous_suicidal, test_heterogenous_suicidal_one, _two run in one program; helper classes copied from the test module (docstrings dropped; test.support.disable_gc written out); id lists are compared, not printed; asserts become prints.
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


class Simple(SimpleBase):
    pass


class SimpleResurrector(SimpleBase):

    def side_effect(self):
        self.survivors.append(self)


def assert_del_calls(ids):
    print("del_calls", sorted(SimpleBase.del_calls) == sorted(ids), len(SimpleBase.del_calls))

def assert_survivors(ids):
    print("survivors", sorted(id(x) for x in SimpleBase.survivors) == sorted(ids), len(SimpleBase.survivors))

def clear_survivors():
    SimpleBase.survivors.clear()


class ChainedBase:

    def chain(self, left):
        self.suicided = False
        self.left = left
        left.right = self

    def check_sanity(self):
        super().check_sanity()
        if self.suicided:
            assert self.left is None
            assert self.right is None
        else:
            left = self.left
            if left.suicided:
                assert left.right is None
            else:
                assert left.right is self
            right = self.right
            if right.suicided:
                assert right.left is None
            else:
                assert right.left is self

class SimpleChained(ChainedBase, Simple):
    pass

class ChainedResurrector(ChainedBase, SimpleResurrector):
    pass

class SuicidalChained(ChainedBase, Simple):

    def side_effect(self):
        self.suicided = True
        self.left = None
        self.right = None


def build_chain(classes):
    nodes = [cls() for cls in classes]
    for i in range(len(nodes)):
        nodes[i].chain(nodes[i-1])
    return nodes

def check_non_resurrecting_chain(classes):
    N = len(classes)
    with SimpleBase.test():
        nodes = build_chain(classes)
        ids = [id(s) for s in nodes]
        wrs = [weakref.ref(s) for s in nodes]
        del nodes
        gc.collect()
        assert_del_calls(ids)
        assert_survivors([])
        print([wr() for wr in wrs])
        gc.collect()
        assert_del_calls(ids)

def check_resurrecting_chain(classes):
    N = len(classes)
    with SimpleBase.test():
        nodes = build_chain(classes)
        N = len(nodes)
        ids = [id(s) for s in nodes]
        survivor_ids = [id(s) for s in nodes if isinstance(s, SimpleResurrector)]
        wrs = [weakref.ref(s) for s in nodes]
        del nodes
        gc.collect()
        assert_del_calls(ids)
        assert_survivors(survivor_ids)
        # XXX desirable?
        print([wr() for wr in wrs])
        clear_survivors()
        gc.collect()
        assert_del_calls(ids)
        assert_survivors([])

check_non_resurrecting_chain([SimpleChained] * 3)
check_non_resurrecting_chain([SuicidalChained] * 3)
check_non_resurrecting_chain([SuicidalChained, SimpleChained] * 2)
check_non_resurrecting_chain(
    [SuicidalChained] * 2 + [SimpleChained] * 2)

# TestBase.tearDown: none of the tests here should put anything in gc.garbage
print(gc.garbage)
