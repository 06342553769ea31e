# Source: https://geek-tips.imtqy.com/articles/607801/index.html
# Adapted: Python 2 REPL session; echoes became print(), the builtin intern() became sys.intern().
import sys
l1=['one']
l2=['one']
print(l1 is l2)
print(l1[0] is l2[0])
l3=l1[:]
print(l3 is l1)
print(l3[0] is l1[0])
s1=l1[0][:]
print(s1)
print(s1 is l1[0] is l2[0] is l3[0])
from copy import deepcopy
l4=deepcopy(l1)
print(l4[0] is l1[0])
s2=''.join(c for c in 'one')
print(s2==l1[0])
print(s2 is l1[0])
print(l1[0] is s2)
s2=sys.intern(s2)
print(l1[0] is s2)
t1=('one','two')
t2=t1[:]
print(t1 is t2)
t3=deepcopy(t1)
print(t3 is t2 is t1)
li1=[1,2,3]
li2=deepcopy(li1)
print(li2 == li1)
print(li2 is li1)
print(li1[0] is li2[0])
