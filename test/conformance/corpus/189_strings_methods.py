# Common str methods used by lessons.
s = "  Memory Management  "
t = s.strip()
print(repr(t), t.lower(), t.upper(), t.split(), t.replace("M", "m"))
print(",".join(["a", "b", "c"]), "x-y-z".split("-"), "abc".startswith("ab"), "abc".endswith("z"))
print("hello world".title(), "hello".find("l"), "hello".count("l"), "abc".index("c"))
print(t[0], t[-1], t[:6], t[::-1], len(t))
print("ab" * 3, "a" in "cat", "%d items" % 3, "{} and {}".format(1, 2))
print("Name: {n:>6}|".format(n="ada"), str(3.50), "x".center(5, "*"))
