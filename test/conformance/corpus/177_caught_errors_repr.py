# Common runtime errors and their messages, caught and printed with repr.
class C:
    pass


tests = [
    lambda: undefined_name,
    lambda: C().missing,
    lambda: {"a": 1}["b"],
    lambda: [1, 2][5],
    lambda: 1 + "a",
    lambda: 1 / 0,
    lambda: int("abc"),
    lambda: (1, 2).append(3),
    lambda: len(5),
    lambda: 10 % 0,
]
for t in tests:
    try:
        t()
    except Exception as e:
        print(repr(e))
