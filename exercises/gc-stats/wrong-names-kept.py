import gc

class Node:
    pass

a = Node()
b = Node()
a.partner = b
b.partner = a

before = gc.get_stats()[2]['collected']
gc.collect()
collected = gc.get_stats()[2]['collected'] - before
print(collected)
