# A cycle through a tuple: the tuple and the list are both collected.
import gc

gc.disable()
gc.collect()
lst = []
t = (lst, 1)
lst.append(t)
print(len(t[0][0]))
del lst, t
print(gc.collect())
gc.enable()
