# Source: https://doc.sagemath.org/html/en/reference/misc/sage/misc/weak_dict.html
# Adapted: the plain-Python half of the doctest; echoes became print().
import weakref
class Vals(): pass
class Keys:
    def __init__(self, val):
        self.val = weakref.ref(val)
    def __hash__(self):
        return hash(self.val())
    def __eq__(self, other):
        return self.val() == other.val()
    def __ne__(self, other):
        return self.val() != other.val()
ValList = [Vals() for _ in range(10)]
D = weakref.WeakValueDictionary()
for v in ValList:
    D[Keys(v)] = v
print(len(D))
del ValList, v
print(len(D) > 1)
