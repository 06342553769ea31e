# Source: https://github.com/EliahKagan/palgoviz
# Adapted: notebook "Weak References - Part 1 of 2" cells; echoes became print(); the TypeError cell is caught so the run continues.
import gc
import weakref
class C: pass
c = C()
print(repr(c))
print(c)
r = weakref.ref(c)
print(r)
print(r())
print(r() is c)
del c
print(r())
n = None
try:
    rn = weakref.ref(n)
except TypeError as e:
    print(f"TypeError: {e}")
