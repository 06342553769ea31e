# set_threshold changes the generation thresholds; omitted ones keep their values.
import gc

print(gc.get_threshold())
gc.set_threshold(100)
print(gc.get_threshold())
gc.set_threshold(200, 20)
print(gc.get_threshold())
gc.set_threshold(500, 5, 3)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
