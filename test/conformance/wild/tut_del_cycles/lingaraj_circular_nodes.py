# Source: https://lingarajtechhub.com/python-cyclic-garbage-collector-example/
# Adapted: the page lost the attribute names and the gc.collect() line in rendering; restored as its prose describes (data/next, gc.collect()).
import gc

class Node:
    def __init__(self, data):
        self.data = data
        self.next = None

# Create a circular linked list
node1 = Node(1)
node2 = Node(2)
node3 = Node(3)
node1.next = node2
node2.next = node3
node3.next = node1

# Remove references to the circular linked list
node1 = None
node2 = None
node3 = None

# Manually trigger garbage collection
gc.collect()

# Check if circular linked list objects are collected
for obj in gc.get_objects():
    if isinstance(obj, Node):
        print(f"Object {obj.data} is reachable")
print("done")
