# Recursive lists and dicts print with [...] and {...} placeholders.
a = [1, 2]
a.append(a)
print(a)
print(repr(a), str(a) == repr(a))
b = [a, [a]]
print(b)
d = {"k": 1}
d["self"] = d
d["list"] = [d]
print(d)
t = ([],)
t[0].append(t)
print(t)
