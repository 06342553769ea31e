# Source: https://sources.debian.org/data/main/o/objgraph/3.6.2-1/docs/uncollectable.txt
# Adapted: the doctest without its objgraph drawing calls; echoes became print().
class Nondestructible(list):
    def __del__(self):
        pass
x = Nondestructible()
y = []
z = []
x.append(y)
y.append(z)
z.append(x)
del x, y, z
import gc
_ = gc.collect()
print(len(gc.garbage))
