# get_referents lists what a container points to (lists and tuples are traversed from the end).
import gc

a = [1, "two", 3.0]
print(gc.get_referents(a))
t = (None, "x", 7)
print(gc.get_referents(t))
inner = [0]
outer = [inner, inner]
print(len(gc.get_referents(outer)), gc.get_referents(outer)[0] is inner)
print(gc.get_referents(5), gc.get_referents("s"))
