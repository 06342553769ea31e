# Source: https://py4u.org/questions/49153714/
# Adapted: the question's REPL session (Python 2) run on Python 3, echoes became print().
import sys
print(sys.getsizeof(int()))
print(sys.getsizeof(2**63))
print(sys.getsizeof(2**62))
a = 2**63
a -= 2**62
print(sys.getsizeof(a))
a = 2**63
a -= (2**63 - 1)
print(a)
print(sys.getsizeof(a))
a = 2**63
a -= 2**63
print(a)
print(sys.getsizeof(a))
