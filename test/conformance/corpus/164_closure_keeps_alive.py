# A closure keeps the captured object alive after the outer function returned.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def make_counter():
    state = V("state")
    state.count = 0

    def inc():
        state.count += 1
        return state.count

    return inc


counter = make_counter()
print(counter(), counter(), counter())
del counter
print("end")
