# gc.collect rejects generation numbers outside 0..2.
import gc

for g in (0, 1, 2, 3, -1):
    try:
        gc.collect(g)
        print(g, "ok")
    except ValueError as e:
        print(g, repr(e))
