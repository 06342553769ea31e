# Source: https://github.com/sourjp/til/blob/HEAD/Python/Array_Dynamic_RAM_check.py
# Adapted: the file's commented-out set() variant (its second recorded output block) switched on.
import sys

data = set()
for i in range(20):
    a = len(data)
    b = sys.getsizeof(data)

    print('Length: {0:3d}; Size in bytes: {1:4d}'.format(a, b))

    data.add(i)
