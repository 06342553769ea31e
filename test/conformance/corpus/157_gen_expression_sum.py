# sum over a generator expression gives the same total as over a list, without building the list.
import sys

n = 10000
as_list = [i * 2 for i in range(n)]
as_gen = (i * 2 for i in range(n))
print(sum(as_list) == sum(as_gen))
print(sys.getsizeof(as_list), sys.getsizeof(as_gen) < 300)
print(sum(as_gen))
print(sum(x for x in range(5)), max(x % 7 for x in range(20)), min(abs(x - 5) for x in range(10)))
