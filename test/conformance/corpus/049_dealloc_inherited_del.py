# A subclass inherits __del__; calling super() from an overriding __del__ chains finalizers.
class Base:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("Base.__del__", self.name)


class Child(Base):
    pass


class Loud(Base):
    def __del__(self):
        print("Loud.__del__", self.name)
        super().__del__()


c = Child("c")
del c
l = Loud("l")
del l
print("end")
