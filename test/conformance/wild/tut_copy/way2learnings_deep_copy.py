# Source: https://sites.google.com/view/way2learnings/python/advanced-topics/shallow-copy-and-deep-copy
# Adapted: the page's deep-copy example, followed by the page's point (changing the copy leaves the old list alone).
import copy
old_list = [[1, 1, 1], [2, 2, 2], [3, 3, 3]]
new_list = copy.deepcopy(old_list)
print("Old list:", old_list)
print("New list:", new_list)
new_list[1][0] = 'BB'
print("Old list:", old_list)
print("New list:", new_list)
