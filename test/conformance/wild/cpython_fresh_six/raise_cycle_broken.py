# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_raise.py#L394
# Adapted: TestContext.test_cycle_broken and test_reraise_cycle_broken (L404) as top-level code; assertIsNone becomes a print.
# Self-cycles (when re-raising a caught exception) are broken
try:
    try:
        1/0
    except ZeroDivisionError as e:
        raise e
except ZeroDivisionError as e:
    print(e.__context__)

# Non-trivial context cycles (through re-raising a previous exception)
# are broken too.
try:
    try:
        xyzzy
    except NameError as a:
        try:
            1/0
        except ZeroDivisionError:
            raise a
except NameError as e:
    print(repr(e.__context__), e.__context__.__context__)
