# Each recursive frame holds its own locals; all are released as the calls return.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def descend(depth):
    here = V(depth)
    if depth == 0:
        print("bottom")
        return 0
    return 1 + descend(depth - 1)


print(descend(3))
