# Source: https://diary.inxeoz.com/posts/tech/python-list-comprehension-generator/
import sys
lc = [x for x in range(100_000)]
gen = (x for x in range(100_000))
print(sys.getsizeof(lc)) # ~824 KB
print(sys.getsizeof(gen)) # ~112 B (constant regardless of range)
