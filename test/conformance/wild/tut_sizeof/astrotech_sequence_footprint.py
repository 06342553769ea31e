# Source: https://pynet.astrotech.io/basics/sequences/comparison.html
# Adapted: REPL echoes became print().
from sys import getsizeof
print(getsizeof( (1,2,3) ))
print(getsizeof( [1,2,3] ))
print(getsizeof( {1,2,3} ))
