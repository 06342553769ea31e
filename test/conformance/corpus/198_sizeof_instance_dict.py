# An instance's __dict__, once asked for, is a real dict with its own size.
import sys


class P:
    def __init__(self):
        self.x = 1
        self.y = 2


p = P()
d = p.__dict__
print(type(d).__name__, sorted(d), sys.getsizeof(d) > 0)
p.z = 3
print(d["z"], len(d))
d["w"] = 4
print(p.w)
