# Source: https://ogeek.cn/qa/?qa=1079338%2F
# Adapted: REPL echoes became print().
import sys
astrd = 123
print(sys.getrefcount(astrd))
j = 123
print(sys.getrefcount(astrd))
i = 823423442583
print(sys.getrefcount(i))
j = 823423442583
print(sys.getrefcount(i))
