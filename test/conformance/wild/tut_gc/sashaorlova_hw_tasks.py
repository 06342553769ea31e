# Source: https://github.com/SashaOrlova/python-hw
# Adapted: notebook Tasks 1-3 (a third solution of the same homework; its Task 3 collects first, then breaks the cycle).
import sys
import gc

def task1():
    s = "Test string"
    count_after_creation = sys.getrefcount(s)
    other_s = s
    count_after_ref = sys.getrefcount(s)
    del other_s
    count_after_del = sys.getrefcount(s)
    return (count_after_creation, count_after_ref, count_after_del)

# Check
print("Task 1:", task1())

import weakref

def task2(l: list = [1, 2, 3, 4, 5]):

      def process_list(lst):
          return sys.getrefcount(lst)

      return (
        sys.getrefcount(l),
        process_list(l),
        sys.getrefcount(l),
    )

# Check
print("Task 2:", task2())

def task3():
    class Node:
        def __init__(self, name):
            self.name = name
            self.ref = None

    gc.collect()

    a = Node("A")
    b = Node("B")
    a.ref = b
    b.ref = a

    # make it cyclic without outside dependencies
    a = None
    b = None

    return gc.collect()

print("Task 3:", task3())
