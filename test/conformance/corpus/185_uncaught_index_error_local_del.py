# Locals of the failing frame are not finalized while the traceback holds them.
class V:
    def __del__(self):
        print("del V")


def f():
    v = V()
    items = []
    return items[0]


f()
