# If one object of a garbage cycle is resurrected, its whole cycle survives and nothing is counted.
import gc

gc.disable()
gc.collect()
saved = []


class A:
    def __del__(self):
        print("A.__del__")
        saved.append(self)


class B:
    def __del__(self):
        print("B.__del__")


a = A()
b = B()
a.b = b
b.a = a
del a, b
print("collect:", gc.collect())
print(len(saved), type(saved[0].b).__name__)
saved.clear()
print("collect again:", gc.collect())
gc.enable()
