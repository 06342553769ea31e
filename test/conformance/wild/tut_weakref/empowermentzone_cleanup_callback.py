# Source: http://www.empowermentzone.com/pyth_doc.zip
# Adapted: the slide's Python 2 print statement became print(); the "..." elisions dropped.
import weakref
class Foo: pass
def cleanup(x):
    print(x, "deleted")
a = Foo()
b = weakref.ref(a, cleanup)
r = b() # Dereference. Returns a or None.
print(r is a)
del r
del a # Might cause cleanup() to be called
print(b())
