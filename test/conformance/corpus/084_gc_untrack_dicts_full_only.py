# Only a full collection untracks dicts whose contents became atomic; a young one does not.
import gc

gc.disable()
gc.collect()
d = {"x": []}
print(gc.is_tracked(d))
d["x"] = 0
print(gc.is_tracked(d))
gc.collect(0)
print("after gen0:", gc.is_tracked(d))
gc.collect(1)
print("after gen1:", gc.is_tracked(d))
gc.collect(2)
print("after gen2:", gc.is_tracked(d))
gc.enable()
