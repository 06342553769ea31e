# A ring of n lists is collected all at once; the count is n.
import gc

gc.disable()
gc.collect()
for n in (1, 3, 10):
    nodes = [[] for _ in range(n)]
    for i in range(n):
        nodes[i].append(nodes[(i + 1) % n])
    del nodes
    print(n, gc.collect())
gc.enable()
