# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_generators.py#L173
# Adapted: GeneratorTest.test_handle_frame_object_in_creation without inspect: the gc callback records phases instead of calling inspect.stack(), and the Sneaky finalizer prints instead; what the test checks (no crash, thresholds restored) is printed.
import gc

calls = []
def cb(*args):
    calls.append(args[0])

def gen():
    yield 1

thresholds = gc.get_threshold()

gc.callbacks.append(cb)
gc.set_threshold(1, 0, 0)
try:
    gen()
finally:
    gc.set_threshold(*thresholds)
    gc.callbacks.pop()
print(calls[:2], len(calls) % 2)

class Sneaky:
    def __del__(self):
        print("Sneaky.__del__")

sneaky = Sneaky()
sneaky._s = Sneaky()
sneaky._s._s = sneaky

gc.set_threshold(1, 0, 0)
try:
    del sneaky
    gen()
finally:
    gc.set_threshold(*thresholds)
print(gc.get_threshold(), gc.garbage)
