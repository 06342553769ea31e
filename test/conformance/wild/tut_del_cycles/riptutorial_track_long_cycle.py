# Source: https://riptutorial.com/python/example/5721/garbage-collector-for-reference-cycles
# Adapted: REPL session; gc.collect() echo became print().
import gc; gc.disable()  # disable garbage collector
class Track:
    def __init__(self):
        print("Initialized")
    def __del__(self):
        print("Destructed")
objs = [Track() for _ in range(10)]
for i in range(len(objs)-1):
    objs[i].other = objs[i + 1]

objs[-1].other = objs[0]  # complete the cycle
del objs                  # no one can refer to objs now - still not destructed
print(gc.collect())
