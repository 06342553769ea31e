# Source: https://github.com/sourjp/til/blob/HEAD/Python/Array_Dynamic_RAM_check.py
import sys

#data = set()
data = []
for i in range(20):
    a = len(data)
    b = sys.getsizeof(data)

    print('Length: {0:3d}; Size in bytes: {1:4d}'.format(a, b))

#    data.add(i)
    data.append(i)
