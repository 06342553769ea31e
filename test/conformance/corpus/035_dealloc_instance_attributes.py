# When an instance dies its finalizer runs first, then its attributes are released.
class Part:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del part", self.name)


class Machine:
    def __init__(self):
        self.engine = Part("engine")
        self.wheel = Part("wheel")
        self.door = Part("door")

    def __del__(self):
        print("del machine")


m = Machine()
del m
print("end")
