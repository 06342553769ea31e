# Source: https://pythonkb.com/?p=32530
# Adapted: example 4 of the page.
import sys
string1 = "Hello"
string2 = string1
print(sys.getrefcount(string1))
