# Source: https://stackovercoder.fr/code/python/python+copy+vs+deepcopy
# Adapted: the answer is prose only; its four claims are shown on the objects it names (immutable data, list of lists, assignment).
import copy
t = (1, 2, 3)
print(copy.copy(t) is t, copy.deepcopy(t) is t)
lol = [[1, 2], [3, 4]]
shallow = copy.copy(lol)
deep = copy.deepcopy(lol)
print(shallow is lol, shallow[0] is lol[0])
print(deep is lol, deep[0] is lol[0])
same = lol
print(same is lol)
