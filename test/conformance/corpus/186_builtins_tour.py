# The builtins lessons use: len, range, sum, min, max, abs, sorted, reversed, enumerate, zip.
nums = [5, -3, 8, 1]
print(len(nums), sum(nums), min(nums), max(nums), abs(-7))
print(sorted(nums), sorted(nums, reverse=True), list(reversed(nums)))
print(list(enumerate("abc")), list(enumerate("ab", 1)))
print(list(zip([1, 2, 3], "xyz")), dict(zip("ab", [1, 2])))
print(list(range(3)), list(range(2, 10, 3)), list(range(5, 0, -2)))
print(sorted(["pear", "fig", "apple"], key=len), max("abc", "b", key=len))
print(int("42") + int(3.9), float("1.5"), str(12) + "!", repr("q"))
print(tuple([1, 2]), list((3, 4)), set([1, 1, 2]), dict([("k", 1)]))
