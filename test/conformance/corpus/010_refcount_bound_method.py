# A bound method holds a reference to its instance.
import sys


class Greeter:
    def hello(self):
        return "hello"


g = Greeter()
print(sys.getrefcount(g))
m = g.hello
print(sys.getrefcount(g))
print(m())
m2 = g.hello
print(sys.getrefcount(g), m == m2, m is m2)
del m, m2
print(sys.getrefcount(g))
