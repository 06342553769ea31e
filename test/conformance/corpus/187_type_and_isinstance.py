# type() and isinstance() on built-in values and user classes.
class A:
    pass


class B(A):
    pass


for v in (1, 1.0, "s", b"b", None, True, [], (), {}, set(), A(), B()):
    print(type(v).__name__, isinstance(v, (int, float)), isinstance(v, A))
print(type(True).__name__ == "bool", isinstance(True, int), type(A) is type)
