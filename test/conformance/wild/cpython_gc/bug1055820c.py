# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L1295
# Adapted: GCTogglingTests (gc enabled); C1055820 and GC_Detector copied from the module; the in-loop assert is checked once after the loop; asserts become prints.
import gc
import weakref

class C1055820(object):
    def __init__(self, i):
        self.i = i
        self.loop = self

class GC_Detector(object):
    # Create an instance I.  Then gc hasn't happened again so long as
    # I.gc_happened is false.

    def __init__(self):
        self.gc_happened = False

        def it_happened(ignored):
            self.gc_happened = True

        # Create a piece of cyclic trash that triggers it_happened when
        # gc collects it.
        self.wr = weakref.ref(C1055820(666), it_happened)

gc.enable()

def test_bug1055820c():
    c0 = C1055820(0)
    # Move c0 into generation 2.
    gc.collect()

    c1 = C1055820(1)
    c1.keep_c0_alive = c0
    del c0.loop # now only c1 keeps c0 alive

    c2 = C1055820(2)
    c2wr = weakref.ref(c2) # no callback!

    ouch = []
    def callback(ignored):
        ouch[:] = [c2wr()]

    # The callback gets associated with a wr on an object in generation 2.
    c0wr = weakref.ref(c0, callback)

    c0 = c1 = c2 = None

    # We want to let gc happen "naturally", to preserve the distinction
    # between generations.
    junk = []
    i = 0
    early = []
    detector = GC_Detector()
    while not detector.gc_happened:
        i += 1
        if i > 10000:
            raise AssertionError("gc didn't happen after 10000 iterations")
        if len(ouch) != 0:
            early.append(len(ouch))
        junk.append([])  # this will eventually trigger gc

    print(early)
    print(len(ouch))  # else the callback wasn't invoked
    for x in ouch:
        # If the callback resurrected c2, the instance would be damaged,
        # with an empty __dict__.
        print(x)

test_bug1055820c()
gc.disable()
