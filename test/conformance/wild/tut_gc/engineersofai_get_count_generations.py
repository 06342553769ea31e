# Source: https://engineersofai.com/docs/python/python-intermediate/python-internals/garbage-collection-practice
# Adapted: the page's excerpt ends after the second print; kept to those lines.
import gc # Reset by collecting everything
gc.collect()
count_before = gc.get_count() # Allocate some new objects (lists can hold refs, so they are tracked)
fresh = [[i] for i in range(10)]
count_after = gc.get_count() # gen 0 count increases with new tracked allocations
print(count_after[0] > count_before[0]) # gen 1 and gen 2 counts did NOT change just by creating new objects
print(count_after[1] == count_before[1])
