# Common list and dict methods.
lst = [3, 1, 2]
lst.sort()
lst.reverse()
print(lst, lst.index(2), lst.count(3), lst.copy() == lst)
d = {"a": 1, "b": 2}
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.get("a"), d.get("z"), d.get("z", 0), "a" in d, 1 in d)
d2 = dict(d)
d2.update(c=3)
print(d2, len(d2), d == d2)
print(d2.popitem(), d2)
s = {3, 1, 2}
s.add(5)
s.discard(1)
print(sorted(s), s & {2, 3}, sorted(s | {7}), s - {5})
