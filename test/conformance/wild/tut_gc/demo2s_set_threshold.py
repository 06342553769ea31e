# Source: https://demo2s.com/python/python-gc-collection-thresholds-and-generations.html
# Adapted: no command line in a sandbox, so the default threshold path runs; DEBUG_STATS lines go to stderr with timings, so set_debug is left out.
import gc
import pprint
import sys
try:
    threshold = int(sys.argv[1])
except (IndexError, ValueError, TypeError):
    print('Missing or invalid threshold, using default')
    threshold = 5
class MyObj:
    def __init__(self, name):
        self.name = name
        print('Created', self.name)
gc.set_threshold(threshold, 1, 1)
print('Thresholds:', gc.get_threshold())
print('Clear the collector by forcing a run')
gc.collect()
print()
print('Creating objects')
objs = []
for i in range(10):
    objs.append(MyObj(i))
print('Exiting')
