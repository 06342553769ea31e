# Once everything is collected, further collections find nothing.
import gc

gc.collect()
print(gc.collect())
x = [[], []]
x[0].append(x[1])
x[1].append(x[0])
del x
print(gc.collect())
print(gc.collect())
print(gc.collect(2))
