# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_generators.py#L222
# Adapted: GeneratorTest.test_gi_frame_f_back as top-level code; assertIsNone becomes a print.
def f():
    yield
gi = f()
print(gi.gi_frame.f_back)
