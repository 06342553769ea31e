# Source: https://github.com/abdulmuneer/mindtree_python_training
# Adapted: Python 2 print statements became print(); the page cuts off inside __del__, whose body and the driving code are those of the training's first Graph cell plus a print of the deletion.
import gc
import pprint

class Graph(object):
    def __init__(self, name):
        self.name = name
        self.next = None
    def set_next(self, next):
        print('%s.next = %s' % (self, next))
        self.next = next
    def __repr__(self):
        return '%s(%s)' % (self.__class__.__name__, self.name)
    def __del__(self):
        print('%s.__del__()' % self)

one = Graph('one')
two = Graph('two')
three = Graph('three')
one.set_next(two)
two.set_next(three)
three.set_next(one)
one = two = three = None
print('Collecting...')
n = gc.collect()
print('Unreachable objects:', n)
print('Remaining Garbage:', end=' ')
pprint.pprint(gc.garbage)
