import gc

gc.set_threshold(10)
before = gc.get_stats()[0]['collections']
keep = []
for i in range(100):
    keep.append(i)
automatic = gc.get_stats()[0]['collections'] - before
print(automatic > 0)
