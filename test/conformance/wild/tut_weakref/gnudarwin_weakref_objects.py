# Source: http://doc.gnu-darwin.org/python2.2/lib/weakref-objects.html
# Adapted: Python 2 REPL session, echoes and print statements became print().
import weakref
class Object:
    pass

o = Object()
r = weakref.ref(o)
o2 = r()
print(o is o2)
del o, o2
print(r())
