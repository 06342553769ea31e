# A range and a generator are small fixed-size objects, whatever their length.
import sys

print(sys.getsizeof(range(10)), sys.getsizeof(range(10**9)))
gen_small = (i for i in range(10))
gen_big = (i for i in range(10**9))
print(sys.getsizeof(gen_small) == sys.getsizeof(gen_big))
print(sys.getsizeof(list(range(1000))) > sys.getsizeof(gen_big))
