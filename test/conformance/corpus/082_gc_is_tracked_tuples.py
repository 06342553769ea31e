# A tuple is tracked when created; a collection untracks it if it holds only atoms.
import gc

gc.disable()
atoms = tuple([1, 2, "three"])
holder = tuple([[], 1])
empty = ()
print(gc.is_tracked(atoms), gc.is_tracked(holder), gc.is_tracked(empty))
gc.collect()
print(gc.is_tracked(atoms), gc.is_tracked(holder))
nested = tuple([atoms, (4, 5)])
print(gc.is_tracked(nested))
gc.collect()
print(gc.is_tracked(nested))
gc.enable()
