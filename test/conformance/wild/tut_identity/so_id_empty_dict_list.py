# Source: https://stackoverflow.com/questions/3877230/why-does-id-id-and-id-id-in-cpython
# Adapted: the question's asserts became prints of the asserted comparisons.
tuple1 = ()
tuple2 = ()                                                                                                   
dict1 = {}
dict2 = {}
list1 = []
list2 = []
# makes sense, tuples are immutable
print(id(tuple1) == id(tuple2))
# also makes sense dicts are mutable
print(id(dict1) != id(dict2))
# lists are mutable too
print(id(list1) != id(list2))
print(id(()) == id(()))
# why no assertion error on this?
print(id({}) == id({}))
# or this?
print(id([]) == id([]))
