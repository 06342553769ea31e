# Dicts, tuples and sets count references the same way lists do.
import sys

d = {"x": 1}
t = (1, 2, [])
s = {1, 2, 3}
print(sys.getrefcount(d), sys.getrefcount(t), sys.getrefcount(s))
alias_d = d
alias_t = t
alias_s = s
print(sys.getrefcount(d), sys.getrefcount(t), sys.getrefcount(s))
del alias_d, alias_t, alias_s
print(sys.getrefcount(d), sys.getrefcount(t), sys.getrefcount(s))
