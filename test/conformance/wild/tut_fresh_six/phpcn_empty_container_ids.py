# Source: https://m.php.cn/faq/1796657193.html
# Adapted: the asserts become prints of the compared ids' equality; the REPL sequence's id values are compared, not printed.
tuple1 = ()
tuple2 = ()
dict1 = {}
dict2 = {}
list1 = []
list2 = []
# Tuples are immutable
print(id(tuple1) == id(tuple2))
# Dicts are mutable
print(id(dict1) != id(dict2))
# Lists are mutable too
print(id(list1) != id(list2))
# Unexpectedly, empty dicts and lists have the same ID
print(id({}) == id({}))
print(id([]) == id([]))

first = id([])
x = []
print(id(x) == first)
print(id([]) == first)
