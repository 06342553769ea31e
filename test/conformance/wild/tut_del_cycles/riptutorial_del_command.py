# Source: https://riptutorial.com/python/example/5722/effects-of-the-del-command
# Adapted: REPL session.
import gc
gc.disable()  # disable garbage collector
class Track:
    def __init__(self):
        print("Initialized")
    def __del__(self):
        print("Destructed")
def bar():
    return Track()
t = bar()
another_t = t  # assign another reference
print("...")
del t          # not destructed yet - another_t still refers to it
del another_t  # final reference gone, object is destructed
