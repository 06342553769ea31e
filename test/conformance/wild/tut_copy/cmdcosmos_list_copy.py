# Source: https://github.com/cmd-cosmos/learning/blob/6a8bb9beefbedb6b28a3fdcc3542d6e05b6d3850/tutorials/python/syntax-misc/list-copy.py
# Adapted: the id() prints became comparisons with l1 (bare ids vary between runs).
#pylint: skip-file

l1 = [1,2,3]
print("l1: ", id(l1) == id(l1))

#shallow copies --> same id, same list, same element

l2 = l1
print("l2: ", id(l2) == id(l1))

# not a deep copy
# shallow copy ---> new list, shared elements
l3 = l1.copy()
print("l3: ", id(l3) == id(l1))

l3.append(6)
print(l1) # [1, 2, 3]
print(l3) # [1, 2, 3, 6]

l4 = [[1,2,3], [1,2,3,4,5]]
l5 = l4.copy()
print(l4)
print(l5)

l5[0].append(2000)
print(l4)
print(l5)
