# Source: https://kiwix.lema.org/stackoverflow.com_en_all_2023-11/questions/45013663/understanding-sys-getrefcount-differences-in-result
# Adapted: the answer's REPL demonstration, echoes became print().
from sys import getrefcount
print(getrefcount(1))
print(getrefcount(True))
print(getrefcount("a"))
print(getrefcount(45))
a = 45
b = 45
print(a is b)
print(getrefcount(1000))
a = 1000
b = 1000
print(a is b)
a = 1000
print(a is 1000)
