# gc.garbage is an ordinary list that starts empty.
import gc

print(type(gc.garbage).__name__, len(gc.garbage))
gc.garbage.append("manual")
print(gc.garbage)
gc.garbage.clear()
print(gc.garbage)
