# A cycle created inside a function outlives the call until the collector runs.
import gc

gc.disable()
gc.collect()


class N:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def make_cycle():
    a = N("local-a")
    b = N("local-b")
    a.b = b
    b.a = a
    print("returning")


make_cycle()
print("call finished")
print(gc.collect())
gc.enable()
