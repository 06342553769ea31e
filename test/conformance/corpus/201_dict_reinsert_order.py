# Deleting and re-adding a key moves it to the end of the dict's order.
d = {"a": 1, "b": 2, "c": 3}
del d["a"]
d["a"] = 4
print(d)
d["b"] = 5
print(list(d))
d.pop("c")
d.setdefault("c", 6)
print(d, len(d))
