# Source: https://velog.io/@lullu/python-객체-생성과-interning
# Adapted: the session as a script; the post's s3 (undefined there) is s2.
import sys
s1 = "strin"
s2 = s1 + "g"
print(s2 is "string")
print(sys.intern(s2) is "string")
