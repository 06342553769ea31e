# get_referents of a dict with string keys yields only the values; other keys appear too.
import gc

d = {"a": [1], "b": 2}
print(gc.get_referents(d))
e = {1: "one", 2: "two"}
print(gc.get_referents(e))
print(gc.get_referents({}))
