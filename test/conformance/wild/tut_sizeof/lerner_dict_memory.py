# Source: https://lerner.co.il/2019/05/12/python-dicts-and-memory-usage/
# Adapted: REPL echoes became print().
import sys
d = {}
print(sys.getsizeof(d))
d['a'] = 1
print(sys.getsizeof(d))
d['a'] = 'a' * 100000
print(sys.getsizeof(d))
d = {}
for one_letter in 'abcdefghijklmnopqrstuvwxyz':
    d[one_letter] = one_letter
    print(f'{len(d)}, sys.getsizeof(d) = {sys.getsizeof(d)}')
