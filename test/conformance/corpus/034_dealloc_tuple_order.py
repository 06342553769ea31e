# A tuple releases its items from the last to the first, like a list.
class Obj:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


t = (Obj("t0"), Obj("t1"), Obj("t2"))
print(len(t))
t = ()
print("after tuple")
