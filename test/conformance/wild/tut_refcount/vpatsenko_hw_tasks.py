# Source: https://github.com/vpatsenko/mipt_msai
# Adapted: notebook Tasks 1-3 (one homework solution); cells run in order.
def task1():
    import sys

    s = "string"
    count_after_creation = sys.getrefcount(s)

    ref = s
    count_after_ref = sys.getrefcount(s)

    del ref
    count_after_del = sys.getrefcount(s)

    return (count_after_creation, count_after_ref, count_after_del)

print( task1())

import sys
import gc
import weakref

def task2():

      def process_list(lst):
          return sys.getrefcount(lst)

      my_list = [1, 2, 3, 4, 5]

      count_before_call = sys.getrefcount(my_list)

      count_during_call = process_list(my_list)

      count_after_call = sys.getrefcount(my_list)

      return (count_before_call, count_during_call, count_after_call)

print( task2())

def task3():
    class Node:
        def __init__(self, name):
            self.name = name
            self.ref = None

    node1 = Node("Node1")
    node2 = Node("Node2")

    node1.ref = node2
    node2.ref = node1

    del node1
    del node2

    collected = gc.collect()

    return collected

print(task3())
