# Objects collected by a young collection are reported under generation 0 only.
import gc

gc.disable()
gc.collect()
s0 = gc.get_stats()
for i in range(3):
    a = []
    a.append(a)
del a
gc.collect(0)
s1 = gc.get_stats()
print([s1[g]["collected"] - s0[g]["collected"] for g in range(3)])
print([s1[g]["collections"] - s0[g]["collections"] for g in range(3)])
gc.enable()
