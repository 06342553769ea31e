# Source: https://sites.google.com/view/way2learnings/python/advanced-topics/shallow-copy-and-deep-copy
import copy
old_list = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
new_list = copy.copy(old_list)
print("Old list:", old_list)
print("New list:", new_list)
