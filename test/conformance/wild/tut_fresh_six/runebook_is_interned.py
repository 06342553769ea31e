# Source: https://runebook.dev/en/docs/python/library/sys/sys._is_interned
import sys
# Case 1: Short string literal (often automatically interned)
s1 = "hello"
s2 = "hello"
# Check the string objects themselves
print(f"s1 is s2: {s1 is s2}")
print(f"s1 is interned: {sys._is_interned(s1) != 0}")
print(f"s2 is interned: {sys._is_interned(s2) != 0}")
