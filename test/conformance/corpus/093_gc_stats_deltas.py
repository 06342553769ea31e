# gc.get_stats counts collections and collected objects per generation; compare two snapshots.
import gc

gc.disable()
gc.collect()
before = gc.get_stats()
gc.collect(0)
gc.collect(0)
gc.collect(1)
x = []
x.append(x)
del x
gc.collect()
after = gc.get_stats()
for gen in range(3):
    print(gen, after[gen]["collections"] - before[gen]["collections"],
          after[gen]["collected"] - before[gen]["collected"],
          after[gen]["uncollectable"] - before[gen]["uncollectable"])
gc.enable()
