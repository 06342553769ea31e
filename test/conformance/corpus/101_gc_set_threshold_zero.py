# A threshold of 0 disables automatic collection of generation 0.
import gc

old = gc.get_threshold()
gc.set_threshold(0)
print(gc.get_threshold())
gc.collect()
lst = []
for i in range(1000):
    x = []
    x.append(x)
    lst.append(x)
del lst, x
print(gc.collect())
gc.set_threshold(*old)
print(gc.get_threshold())
