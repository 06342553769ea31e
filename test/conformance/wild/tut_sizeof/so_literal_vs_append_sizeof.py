# Source: https://stackoverflow.com/questions/46705082/why-do-lists-with-the-same-data-have-different-sizes/46705207
# Adapted: the append lines the page lost were restored from its own description ("I use append() method on list").
my_list = []
print(my_list, '->', my_list.__sizeof__())
my_list = [1]
print(my_list, '->', my_list.__sizeof__())
my_list = [1, 1]
print(my_list, '->', my_list.__sizeof__())

my_list = []
print(my_list, '->', my_list.__sizeof__())
my_list.append(1)
print(my_list, '->', my_list.__sizeof__())
my_list.append(1)
print(my_list, '->', my_list.__sizeof__())
