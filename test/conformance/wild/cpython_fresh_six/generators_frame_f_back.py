# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_generators.py#L209
# Adapted: GeneratorTest.test_ag_frame_f_back and test_cr_frame_f_back as top-level code; assertIsNone becomes a print.
async def f():
    yield
ag = f()
print(ag.ag_frame.f_back)

async def f():
    pass
cr = f()
print(cr.cr_frame.f_back)
cr.close()  # Suppress RuntimeWarning.
