# del a, b, c unbinds left to right; each object dies as its last name goes.
class N:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


a = N("a")
b = N("b")
c = N("c")
extra = b
del a, b, c
print("after del")
del extra
print("end")
