# In a cycle where only some objects have __del__, those finalizers run and everything is freed.
import gc

gc.disable()
gc.collect()


class Loud:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("finalize", self.name)


class Quiet:
    pass


a = Loud("a")
q = Quiet()
b = Loud("b")
a.next = q
q.next = b
b.next = a
del a, q, b
print(gc.collect())
gc.enable()
