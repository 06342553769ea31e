# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_descr.py#L1105
# Adapted: ClassPropertiesAndMethods.test_slots, first part (C0, C1, C3, C4, string and tuple __slots__) as a standalone program; assertHasAttr/assertEqual become prints, the expected errors are caught and printed.
class C0(object):
    __slots__ = []
x = C0()
print(hasattr(x, "__dict__"), hasattr(x, "foo"))

class C1(object):
    __slots__ = ['a']
x = C1()
print(hasattr(x, "__dict__"), hasattr(x, "a"))
x.a = 1
print(x.a)
x.a = None
print(x.a)
del x.a
print(hasattr(x, "a"))

class C3(object):
    __slots__ = ['a', 'b', 'c']
x = C3()
print(hasattr(x, "__dict__"), hasattr(x, 'a'), hasattr(x, 'b'), hasattr(x, 'c'))
x.a = 1
x.b = 2
x.c = 3
print(x.a, x.b, x.c)

class C4(object):
    """Validate name mangling"""
    __slots__ = ['__a']
    def __init__(self, value):
        self.__a = value
    def get(self):
        return self.__a
x = C4(5)
print(hasattr(x, '__dict__'), hasattr(x, '__a'), x.get())
try:
    x.__a = 6
except AttributeError as e:
    print("AttributeError:", e)

for bad in ([None], ["foo bar"], ["foo\0bar"], ["1"], [""]):
    try:
        class C(object):
            __slots__ = bad
    except TypeError as e:
        print("TypeError:", e)

class C(object):
    __slots__ = "abc"
c = C()
c.abc = 5
print(c.abc)

slots = ("foo", "bar")
class C(object):
    __slots__ = slots
x = C()
x.foo = 5
print(x.foo, type(slots[0]) is str)
