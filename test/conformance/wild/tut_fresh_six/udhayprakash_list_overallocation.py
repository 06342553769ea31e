# Source: https://github.com/udhayprakash/PythonMaterial
# Adapted: the notebook's list-size cells (In [43]-[50]) run one after the other.
from sys import getsizeof

mylist = []

print(getsizeof(mylist), mylist)

mylist.append(1)

print(getsizeof(mylist), mylist)

mylist.append(11)

print(getsizeof(mylist), mylist)

mylist.extend([111, 1111])

print(getsizeof(mylist), mylist)

mylist.append(2)

print(getsizeof(mylist), mylist)

mylist.extend([22, 222, 2222])

print(getsizeof(mylist), mylist)

mylist2 = []
for i in range(12):
    mylist2.append(i)
    print(f"{getsizeof(mylist2):3}, {len(mylist2):2}, {mylist2}")
    if (i % 4) - 3 == 0:
        print()
