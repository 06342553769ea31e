# Source: https://riptutorial.com/python/example/5721/garbage-collector-for-reference-cycles
# Adapted: REPL session; gc.collect() echoes became print().
import gc; gc.disable()  # disable garbage collector
class Track:
    def __init__(self):
        print("Initialized")
    def __del__(self):
        print("Destructed")
A = Track()
B = Track()
A.other = B
B.other = A
del A; del B  # objects are not destructed due to reference cycle
print(gc.collect())  # trigger collection
